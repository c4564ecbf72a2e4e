/**
 * A checkpoint survives a power loss: the system calls a checkpoint write makes, watched with
 * strace on a real child process. The temporary file is created exclusively with mode 0600
 * (never through a symlink), flushed, renamed over the checkpoint, and then the directory
 * itself is flushed, so the rename is on disk too (without that, a power loss can leave the
 * directory without the new name, or without any checkpoint file).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/window-run.js';

let script = '';

beforeAll(async () => {
  try {
    execFileSync('strace', ['-V'], { stdio: 'ignore' });
  } catch {
    throw new Error('this test needs strace (apt-get install strace; .ci/run installs it)');
  }
  script = join(tempDir('tspark-durable-bin-'), 'write-checkpoint.mjs');
  await build({
    entryPoints: [join(import.meta.dirname, 'fixtures', 'write-checkpoint.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: script,
    logLevel: 'silent',
  });
});

describe('writing a checkpoint', () => {
  it('creates the temporary file exclusively with mode 0600, flushes it, renames it, then flushes the directory', () => {
    const dir = realpathSync(tempDir('tspark-durable-'));
    const log = join(tempDir('tspark-durable-log-'), 'strace.txt');
    // -y prints each descriptor's path, so fsync(21</dir>) says what was flushed.
    const run = spawnSync('strace', ['-f', '-y', '-qq', '-o', log, '-e', 'trace=openat,fsync,fdatasync,rename,renameat,renameat2', process.execPath, script, dir], {
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    const calls = readFileSync(log, 'utf8').split('\n').filter((l) => l.includes(dir));
    const file = join(dir, 'tspark-checkpoint');
    const create = calls.findIndex((l) => /openat\(.*tspark-checkpoint\.tmp-/.test(l));
    expect(calls[create]).toMatch(/O_CREAT/);
    expect(calls[create]).toMatch(/O_EXCL/);
    expect(calls[create]).toMatch(/, 0600\)/);
    const tmp = /"([^"]*tspark-checkpoint\.tmp-[^"]*)"/.exec(calls[create] ?? '')?.[1];
    const flushFile = calls.findIndex((l) => /\bf(data)?sync\(/.test(l) && l.includes(`<${tmp}>`));
    const rename = calls.findIndex((l) => /\brename(at2?)?\(/.test(l) && l.includes(`"${file}"`));
    const flushDir = calls.findIndex((l, i) => i > rename && /\bf(data)?sync\(/.test(l) && l.includes(`<${dir}>`));
    expect(create).toBeGreaterThanOrEqual(0);
    expect(flushFile).toBeGreaterThan(create);
    expect(rename).toBeGreaterThan(flushFile);
    expect(flushDir, `no fsync of ${dir} after the rename in:\n${calls.join('\n')}`).toBeGreaterThan(rename);
  });
});
