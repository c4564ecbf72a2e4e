import { describe, it } from 'vitest';
import { recorded } from './helpers.js';
import { checkRecordedRead } from './recorded.js';

describe('json: reads recorded from PySpark 3.5', () => {
  for (const c of recorded('json')) it(c.name, () => checkRecordedRead(c));
});
