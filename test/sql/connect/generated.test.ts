import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('code generated from the Spark Connect .proto files', () => {
  it('is what scripts/gen-connect.mjs makes from the committed .proto files (no hand edits, no drift)', () => {
    const out = execFileSync(process.execPath, ['scripts/gen-connect.mjs', '--check'], { encoding: 'utf8' });
    expect(out).toContain('generated code matches the .proto files');
  });
});
