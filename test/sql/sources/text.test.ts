import { describe, it } from 'vitest';
import { recorded } from './helpers.js';
import { checkRecordedRead } from './recorded.js';

describe('text: reads recorded from PySpark 3.5', () => {
  for (const c of recorded('text')) it(c.name, () => checkRecordedRead(c));
});
