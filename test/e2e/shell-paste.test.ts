import * as fs from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { keyGap, Pty } from '../support/pty.js';

const SHELL = 'node dist/bin/tspark.js --no-ui --batch 0.5';
const ENV = { NO_COLOR: '1', TSPARK_HISTORY: '' };
let pty: Pty | undefined;

beforeAll(() => {
  if (!fs.existsSync('dist/bin/tspark.js')) throw new Error('run `npm run build` first: this test starts the built shell');
});
afterEach(() => pty?.kill());

async function shell(): Promise<Pty> {
  pty = new Pty(SHELL, { env: ENV, cols: 250, rows: 40 });
  await pty.waitForText('tspark>');
  return pty;
}

/** What a terminal sends for a paste once the program asked for bracketed paste. */
function paste(p: Pty, text: string): void {
  p.write(`\x1b[200~${text.replace(/\n/g, '\r')}\x1b[201~`);
}

describe('what people paste from slides and docs', () => {
  it('asks the terminal for bracketed paste, and runs a pasted chain with leading dots as one entry', async () => {
    const p = await shell();
    expect(p.raw).toContain('\x1b[?2004h');
    // docs/WINDOWS.md's first example, on a queue instead of a socket.
    paste(
      p,
      [
        'const tags = ssc.queueStream([["#a b #a #c"]])',
        '  .flatMap((line: string) => line.split(" "))',
        '  .filter((w: string) => w.startsWith("#"))',
        '  .map((t: string): [string, number] => [t, 1]);',
        '',
      ].join('\n'),
    );
    await p.waitForText('tspark> ');
    p.line('tags.reduceByKey((a: number, b: number) => a + b).pprint(); ssc.start()');
    await p.waitForText("[ '#a', 2 ]");
    expect(p.all()).not.toContain('is not a shell command');
    // The block is shown as typed: the prompt, then the continuation lines.
    expect(p.all()).toContain('tspark> const tags = ssc.queueStream([["#a b #a #c"]])\n...   .flatMap(');
  });

  it('keeps the last pasted line for editing when the paste did not end a line', async () => {
    const p = await shell();
    paste(p, 'const ys = [1, 2, 3]\n  .map((x: number) => x * 10)');
    await p.waitFor(() => p.lastRow() === '...   .map((x: number) => x * 10)', 'the last pasted line on a continuation prompt');
    await keyGap();
    p.write('\r');
    p.line('ys');
    await p.waitForText('[ 10, 20, 30 ]');
  });

  it('lets a leading-dot line continue an unfinished entry typed by hand', async () => {
    const p = await shell();
    p.line('const w = (sc.parallelize([1, 2])');
    p.line('  .map((x: number) => x + 1)');
    p.line('  .collect())');
    p.line('w');
    await p.waitForText('[ 2, 3 ]');
    expect(p.all()).not.toContain('not a shell command');
  });

  it('a chain typed by hand after a complete line: says what works, and the first line is not kept in the pipeline', async () => {
    const p = await shell();
    p.line('const lines = ssc.socketTextStream("localhost", 9)');
    p.line('  .flatMap((l: string) => l.split(" "))');
    await p.waitForText('not a shell command');
    const all = p.all();
    expect(all).toContain('The line before (const lines = ssc.socketTextStream("localhost", 9)) had already run on its own, so it has been undone');
    expect(all).toContain('lines is unbound again');
    expect(all).toContain('what it added to the pipeline (socketTextStream) is removed');
    expect(all).toContain("end each line with '.'");
    expect(all).toContain('or use .editor, or paste it whole');
    p.line('typeof lines + " " + ssc.graph().length');
    await p.waitForText("'undefined 0'");
  });

  it('README\'s standalone program pasted into the shell says in one line what to change, and runs nothing', async () => {
    const readme = fs.readFileSync('README.md', 'utf8');
    const program = /```ts\n(import \{ SparkContext, StreamingContext \} from 'tspark';[\s\S]*?)```/.exec(readme)?.[1];
    expect(program).toBeDefined();
    const p = await shell();
    paste(p, program!);
    await p.waitForText('sc and ssc already exist in the shell');
    p.line('ssc.graph().length');
    await p.waitFor((all) => /\n0\n/.test(all), 'an empty pipeline');
    expect(p.all()).not.toContain('socketTextStream localhost:9999');
  });

  it('import { SparkContext, StreamingContext } from "tspark" gives the running tspark', async () => {
    const p = await shell();
    p.line('import { SparkContext, StreamingContext, DStream } from "tspark"');
    p.line('const t = await import("tspark")');
    p.line('[ssc instanceof StreamingContext, t.StreamingContext === StreamingContext, typeof DStream, sc instanceof SparkContext]');
    await p.waitForText("[ true, true, 'function', true ]");
  });
});
