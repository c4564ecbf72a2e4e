import * as fs from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { keyGap, Pty } from '../support/pty.js';

describe('Tab in a real terminal', () => {
  let pty: Pty | undefined;
  beforeAll(() => {
    if (!fs.existsSync('dist/src/repl/server.js')) throw new Error('run `npm run build` first');
  });
  afterEach(() => pty?.kill());

  it('lists public members only, and completes a unique prefix', async () => {
    pty = new Pty('node test/repl/fixtures/plain-shell.mjs', { env: { NO_COLOR: '1', TSPARK_HISTORY: '' } });
    await pty.waitForText('ts>');
    pty.line('class Stream { _jobs = 1; start() {} stop() {} state = "x"; socketTextStream() {} }');
    pty.line('const s2 = new Stream()');
    pty.line('"marker"');
    pty.write('s2.st');
    await pty.waitForText('s2.st');
    await keyGap();
    pty.write('\t');
    await keyGap();
    pty.write('\t');
    await pty.waitForText('s2.start');
    const all = pty.all();
    const listed = all.slice(all.indexOf('ts> s2.st'));
    expect(listed).toContain('s2.state');
    expect(listed).toContain('s2.stop');
    expect(listed).not.toContain('_jobs');
    expect(listed).not.toContain('hasOwnProperty');
    pty.write('\x15');
    pty.write('s2.so');
    await keyGap();
    pty.write('\t');
    await pty.waitFor(() => pty!.lastRow() === 'ts> s2.socketTextStream', 'the unique member completed');
    pty.write('\x15');
    pty.line('_');
    await pty.waitForText("'marker'", 2);
  });

  it('offers the public API of ssc, not its internals (the real shell)', async () => {
    pty = new Pty('node dist/bin/tspark.js --no-ui', { env: { NO_COLOR: '1', TSPARK_HISTORY: '' }, cols: 120, rows: 40 });
    await pty.waitForText('tspark>');
    pty.line('1');
    await pty.waitFor((a) => /\n1\n/.test(a), 'the engine ready');
    pty.write('ssc.');
    await keyGap();
    pty.write('\t');
    await keyGap();
    pty.write('\t');
    await pty.waitForText('ssc.awaitTerminationOrTimeout');
    const listed = pty.all();
    for (const name of ['ssc.start', 'ssc.stop', 'ssc.queueStream', 'ssc.awaitTermination']) expect(listed).toContain(name);
    for (const name of ['scheduler', 'contextState', 'terminationWaiters', 'reportBatchError', 'out', 'err', 'colors', '_']) {
      expect(listed).not.toMatch(new RegExp(`ssc\\.${name}\\b`));
    }
  });
});
