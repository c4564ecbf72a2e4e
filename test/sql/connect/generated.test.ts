import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOADER_OPTIONS } from '../../../src/sql/connect/proto.js';

describe('code generated from the Spark Connect .proto files', () => {
  it('is what scripts/gen-connect.mjs makes from the committed .proto files (no hand edits, no drift)', () => {
    const out = execFileSync(process.execPath, ['scripts/gen-connect.mjs', '--check'], { encoding: 'utf8' });
    expect(out).toContain('generated code matches the .proto files');
  });

  it('was generated with the options the runtime loader uses, so the types describe the loaded objects', () => {
    const script = readFileSync('scripts/gen-connect.mjs', 'utf8');
    const flags = /const LOADER_FLAGS = \[([^\]]*)\]/.exec(script)![1]!.split(',').map((f) => f.trim().replace(/^'|'$/g, ''));
    const expected = [
      ...(LOADER_OPTIONS.keepCase ? ['--keepCase'] : []),
      `--longs=${LOADER_OPTIONS.longs === String ? 'String' : 'Number'}`,
      `--enums=${LOADER_OPTIONS.enums === String ? 'String' : 'number'}`,
      ...(LOADER_OPTIONS.defaults ? ['--defaults'] : []),
      ...(LOADER_OPTIONS.oneofs ? ['--oneofs'] : []),
    ];
    expect(flags).toEqual(expected);
  });
});
