import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_MEMBERS_FILE, apiMembers } from '../../scripts/api-members.mjs';
import { readApiMembers } from '../../src/repl/api-members.js';

const root = path.resolve(import.meta.dirname, '../..');

describe('the public-member list the build wrote', () => {
  it('is there, and says what the published types say (the same as reading the sources)', () => {
    const built = readApiMembers(path.join(root, API_MEMBERS_FILE));
    expect(built, 'run `npm run build` first').toBeDefined();
    expect(built).toEqual(apiMembers(root, 'src/index.ts'));
  });
});
