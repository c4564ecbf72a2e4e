/**
 * The checkpoint file: round trip of plain data (Maps, Dates, nested arrays), atomic
 * replacement, and clear errors naming the file for damaged, foreign or newer files.
 */
import { existsSync, lstatSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CheckpointError } from '../../../src/index.js';
import { CHECKPOINT_VERSION, checkpointFile, hasCheckpoint, readCheckpoint, writeCheckpoint } from '../../../src/engine/checkpoint/checkpoint-file.js';
import { tempDir } from '../../support/window-run.js';

const sample = {
  batchMs: 1000,
  time: 5000,
  streams: [['3:updateStateByKey', [['a', 1], [['x', 2], new Map([['m', new Date(0)]])]]]] as Array<[string, unknown]>,
  inputs: [['0:dir', { next: 4 }]] as Array<[string, unknown]>,
};

function expectCheckpointError(dir: string, pattern: RegExp): void {
  let caught: unknown;
  try {
    readCheckpoint(dir);
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(CheckpointError);
  const err = caught as CheckpointError;
  expect(err.code).toBe('ERR_CHECKPOINT_INVALID');
  expect(err.file).toBe(checkpointFile(dir));
  expect(err.message).toContain(checkpointFile(dir));
  expect(err.message).toMatch(pattern);
  expect(err.message).toMatch(/Delete the file/);
}

describe('checkpoint file', () => {
  it('round-trips plain data, Maps and Dates', () => {
    const dir = tempDir();
    expect(hasCheckpoint(dir)).toBe(false);
    writeCheckpoint(dir, sample);
    expect(hasCheckpoint(dir)).toBe(true);
    expect(readCheckpoint(dir)).toEqual(sample);
  });

  it('replaces the previous checkpoint by rename and leaves no temporary file', () => {
    const dir = tempDir();
    writeCheckpoint(dir, sample);
    writeCheckpoint(dir, { ...sample, time: 6000 });
    expect(readCheckpoint(dir).time).toBe(6000);
    expect(readdirSync(dir)).toEqual(['tspark-checkpoint']);
  });

  it('is readable by its owner only, and never written through a symlink planted where the temporary file goes', () => {
    const dir = tempDir();
    const victim = join(tempDir(), 'victim');
    writeFileSync(victim, 'precious\n', { mode: 0o644 });
    // Where the temporary file used to go: a name anyone could guess.
    symlinkSync(victim, `${checkpointFile(dir)}.tmp-${process.pid}`);
    writeCheckpoint(dir, sample);
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(lstatSync(checkpointFile(dir)).isFile()).toBe(true);
    expect(statSync(checkpointFile(dir)).mode & 0o777).toBe(0o600);
    expect(readCheckpoint(dir)).toEqual(sample);
  });

  it('a temporary file left by a crash mid-write does not affect the last checkpoint', () => {
    const dir = tempDir();
    writeCheckpoint(dir, sample);
    writeFileSync(`${checkpointFile(dir)}.tmp-99999`, '{"format":"tspark-checkpoint","version":1,"bytes":900');
    expect(readCheckpoint(dir)).toEqual(sample);
  });

  it('refuses a truncated file, naming it', () => {
    const dir = tempDir();
    writeCheckpoint(dir, sample);
    const raw = readFileSync(checkpointFile(dir));
    writeFileSync(checkpointFile(dir), raw.subarray(0, raw.length - 5));
    expectCheckpointError(dir, /is corrupt: .* bytes present/);
  });

  it('refuses a file whose body was altered (checksum)', () => {
    const dir = tempDir();
    writeCheckpoint(dir, sample);
    const raw = Buffer.from(readFileSync(checkpointFile(dir)));
    raw[raw.length - 3] = raw[raw.length - 3]! ^ 0xff;
    writeFileSync(checkpointFile(dir), raw);
    expectCheckpointError(dir, /checksum does not match/);
  });

  it('refuses a file that is not a tspark checkpoint', () => {
    const dir = tempDir();
    writeFileSync(checkpointFile(dir), 'hello world\n');
    expectCheckpointError(dir, /is not a tspark checkpoint/);
  });

  it('refuses another format version, saying which', () => {
    const dir = tempDir();
    writeFileSync(checkpointFile(dir), JSON.stringify({ format: 'tspark-checkpoint', version: CHECKPOINT_VERSION + 1, bytes: 0, sha256: '' }) + '\n');
    expectCheckpointError(dir, new RegExp(`format version ${CHECKPOINT_VERSION + 1}; this tspark reads version ${CHECKPOINT_VERSION}`));
  });

  it('refuses state that cannot be serialised (a function) and keeps the previous file', () => {
    const dir = tempDir();
    writeCheckpoint(dir, sample);
    expect(() => writeCheckpoint(dir, { ...sample, streams: [['1:x', () => 1]] })).toThrow();
    expect(readCheckpoint(dir)).toEqual(sample);
    expect(existsSync(checkpointFile(dir))).toBe(true);
  });
});
