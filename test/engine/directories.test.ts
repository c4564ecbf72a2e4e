/**
 * A file where a directory should go (a checkpoint directory, saveAsTextFile's output) is
 * refused in the project's words, naming the file, instead of Node's raw EEXIST or ENOTDIR.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SparkContext, StreamingContext } from '../../src/index.js';
import { newContext } from '../support/run-batches.js';
import { tempDir } from '../support/window-run.js';

function aFile(): string {
  const file = join(tempDir('tspark-dirs-'), 'notes.txt');
  writeFileSync(file, 'not a directory\n');
  return file;
}

/** The error `act` throws, which must be ours, not Node's. */
function refusal(act: () => unknown): { code: string; message: string; name: string } {
  try {
    act();
  } catch (e) {
    return e as { code: string; message: string; name: string };
  }
  throw new Error('expected a refusal');
}

describe('a file where a directory should go', () => {
  it('ssc.checkpoint(file) says the path is a file, and what to do', () => {
    const { ssc } = newContext();
    const file = aFile();
    expect(refusal(() => ssc.checkpoint(file))).toMatchObject({
      name: 'IllegalArgumentError',
      code: 'ERR_INVALID_ARGUMENT',
      message: `checkpoint: ${file} is a file, not a directory; choose another directory, e.g. ssc.checkpoint("checkpoint")`,
    });
    expect(ssc.checkpointDir).toBeUndefined();
    ssc.stop(true);
  });

  it('ssc.checkpoint(file/sub) names the file on the way', () => {
    const { ssc } = newContext();
    const file = aFile();
    expect(refusal(() => ssc.checkpoint(join(file, 'cp')))).toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
      message: `checkpoint: cannot create ${join(file, 'cp')}: ${file} is a file, not a directory; choose another directory, e.g. ssc.checkpoint("checkpoint")`,
    });
    ssc.stop(true);
  });

  it('sc.setCheckpointDir(file) too', () => {
    const sc = new SparkContext('local[2]');
    const file = aFile();
    expect(refusal(() => sc.setCheckpointDir(file))).toMatchObject({ code: 'ERR_INVALID_ARGUMENT', message: expect.stringMatching(/^setCheckpointDir: .* is a file, not a directory/) });
    sc.stop();
  });

  it('StreamingContext.getOrCreate(file, setup) refuses before setup runs', () => {
    const file = aFile();
    let setups = 0;
    const setup = (): StreamingContext => {
      setups++;
      return newContext().ssc;
    };
    expect(refusal(() => StreamingContext.getOrCreate(file, setup))).toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
      message: `getOrCreate: ${file} is a file, not a directory; pass getOrCreate a directory path`,
    });
    expect(setups).toBe(0);
  });

  it('rdd.saveAsTextFile(file/out) names the file on the way', () => {
    const sc = new SparkContext('local[2]');
    const out = join(aFile(), 'out');
    expect(refusal(() => sc.parallelize(['a', 'b']).saveAsTextFile(out))).toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
      message: expect.stringMatching(/^saveAsTextFile: cannot create .*notes\.txt\/out: .*notes\.txt is a file, not a directory; choose a path under a directory$/),
    });
    sc.stop();
  });
});
