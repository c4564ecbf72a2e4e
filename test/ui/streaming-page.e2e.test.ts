/**
 * The Streaming page in a real headless Chromium (Debian's, driven by playwright-core): the
 * seeds' word count reads a real loopback TCP server (the class's `nc -lk 9999`) and runs on a
 * ManualClock, and the page must show the batches, chart points, the pipeline with its counts,
 * the source, a failed batch's error, paging, "stopped", and the switch to a new context. A
 * screenshot is saved under test-results/ for a person to look at.
 */
import { existsSync } from 'node:fs';
import net from 'node:net';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/engine/clock.js';
import { StreamingContext } from '../../src/engine/streaming-context.js';
import { SparkContext } from '../../src/engine/spark-context.js';
import { startUiServer, type UiServer } from '../../src/ui/server.js';
import { waitFor } from '../support/wait.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RESULTS = join(process.cwd(), 'test-results');
// A realistic wall-clock start so times read like a class's: 10:41:03 local time.
const T0 = new Date(2026, 10, 21, 10, 41, 3).getTime();

const LINES = [
  ['to be or not to be', 'that is the question'],
  ['whether tis nobler in the mind to suffer', 'the slings and arrows of outrageous fortune'],
  ['or to take arms against a sea of troubles'],
  ['and by opposing end them boom', 'to die to sleep'],
  ['no more and by a sleep to say we end', 'the heart-ache and the thousand natural shocks'],
];

let server: UiServer;
let nc: net.Server;
const ncClients: net.Socket[] = [];
let browser: BrowserContext;
let page: Page;
let userDataDir: string;
const consoleProblems: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not at ${CHROMIUM}: run .ci/run (it installs Debian's chromium) or set CHROMIUM_PATH`);
  server = await startUiServer({ port: 0 });
  // The class's `nc -lk 9999`: a loopback TCP server that the stream connects to as a client.
  nc = net.createServer((socket) => {
    ncClients.push(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => nc.listen(0, '127.0.0.1', () => resolve()));
  userDataDir = await mkdtemp(join(tmpdir(), 'tspark-ui-chromium-'));
  browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1600, height: 1000 },
  });
  page = browser.pages()[0] ?? (await browser.newPage());
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') consoleProblems.push(m.text());
  });
  page.on('pageerror', (e) => consoleProblems.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  for (const c of ncClients) c.destroy();
  await new Promise<void>((resolve) => (nc ? nc.close(() => resolve()) : resolve()));
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
});

/** The texts of all elements matching `selector`. */
const texts = (selector: string): Promise<string[]> => page.locator(selector).allInnerTexts();

describe('the Streaming page in Chromium', () => {
  const clock = new ManualClock(T0);
  const sc = new SparkContext('local[*]', 'wordcount');
  const ssc = new StreamingContext(sc, 1, { clock, out: () => undefined, err: () => undefined, stopSparkContextByDefault: false });
  let lines: ReturnType<StreamingContext['socketTextStream']>;
  let received = 0;
  /** Sends lines as `nc` would and waits until the stream has received them (real I/O, so polled). */
  const feed = async (batch: string[]): Promise<void> => {
    const client = ncClients[0];
    if (!client) throw new Error('the stream has not connected');
    client.write(batch.map((l) => `${l}\n`).join(''));
    received += batch.length;
    await waitFor(() => (ssc.sources()[0]?.recordsReceived ?? 0) >= received, `${received} lines received`);
  };

  it('shows the context before it starts, with the operators typed so far', async () => {
    const address = nc.address();
    if (address === null || typeof address === 'string') throw new Error('nc has no port');
    lines = ssc.socketTextStream('localhost', address.port);
    lines
      .flatMap((line) => line.split(' '))
      .map((w): [string, number] => [w, 1])
      .reduceByKey((a, b) => a + b)
      .pprint();
    // A second output that fails on one batch, so the table shows an error as a class would see it.
    lines.foreachRDD((rdd) => {
      if (rdd.collect().some((l) => l.includes('boom'))) throw new Error('found "boom" in the input');
    });
    server.attach(ssc);
    await page.goto(`${server.url}/streaming/`);
    await page.locator('#conn.conn-live').waitFor();
    await expect.poll(() => page.locator('#summary').innerText()).toBe('Not started: batches of 1 second will run after ssc.start()');
    expect(await page.locator('#ctx-state').innerText()).toContain('INITIALIZED');
    expect(await page.locator('#ctx-master').innerText()).toBe('local[*]');
    expect(await page.locator('.op').evaluateAll((els) => els.map((e) => e.getAttribute('data-op')))).toEqual([
      'socketTextStream',
      'flatMap',
      'foreachRDD',
      'map',
      'reduceByKey',
      'pprint',
    ]);
  });

  it('gains a batch row, a chart point and pipeline counts for every batch as it completes', async () => {
    ssc.start();
    await waitFor(() => ncClients.length > 0 && ssc.sources()[0]?.state === 'connected', 'the stream to connect to the loopback server');
    let records = 0;
    for (const [i, batch] of LINES.entries()) {
      await feed(batch);
      records += batch.length;
      await clock.advance(1000);
      await expect.poll(() => page.locator('#batches tbody tr[data-status]').count()).toBe(i + 1);
      await expect.poll(() => page.locator('#chart-input .chart').getAttribute('data-points')).toBe(String(i + 1));
    }
    const last = LINES[LINES.length - 1]!;

    // Newest first, with Spark's columns.
    const firstRow = await page.locator('#batches tbody tr').first().locator('td').allInnerTexts();
    expect(firstRow[0]).toBe('2026/11/21 10:41:08');
    expect(firstRow[1]).toBe(`${last.length} records`);
    expect(firstRow[5]).toContain('2/2');
    expect(firstRow[6]).toContain('completed');

    // The failed batch says which output operation failed and why.
    const failed = page.locator('#batches tbody tr[data-status="failed"]');
    expect(await failed.count()).toBe(1);
    expect(await failed.locator('td').first().innerText()).toBe('2026/11/21 10:41:07');
    expect(await failed.locator('.error-text').innerText()).toContain('foreachRDD: Error: found "boom" in the input');
    expect(await failed.locator('td').nth(5).innerText()).toContain('1/2');

    // Every chart received the points; the processing chart also draws the batch interval.
    for (const id of ['input', 'scheduling', 'processing', 'total']) {
      expect(await page.locator(`#chart-${id} .chart`).getAttribute('data-points')).toBe(String(LINES.length));
      expect(await page.locator(`#chart-${id} canvas`).count()).toBe(1);
    }
    expect(await page.locator('#chart-processing .u-legend').innerText()).toContain('Batch interval');
    expect(await page.locator('#avg-input').innerText()).toBe(`Avg: ${records / LINES.length} records/s`);

    // The summary sentence, as Spark's.
    expect(await page.locator('#summary').innerText()).toBe(
      `Running batches of 1 second for 5 s since 10:41:03 (5 completed batches, ${records} records)`,
    );

    // The pipeline: the input shows what it received in the last batch; every box shows what the engine counted.
    const boxes = await page
      .locator('.op')
      .evaluateAll((els) =>
        els.map((e) => [Number(e.getAttribute('data-id')), e.getAttribute('data-op'), e.getAttribute('data-count'), e.getAttribute('data-partial')] as const),
      );
    const lastBatch = ssc.lastBatch();
    const expected = ssc.graph().map((n) => {
      const counted = n.kind === 'output' ? undefined : (lastBatch?.streamCounts[n.id] ?? (n.kind === 'input' ? lastBatch?.streamRecords[n.id] : undefined));
      return [n.id, n.name, counted === undefined ? '' : String(counted), String(lastBatch?.partialCounts?.includes(n.id) ?? false)] as const;
    });
    const byId = (a: readonly [number, ...unknown[]], b: readonly [number, ...unknown[]]): number => a[0] - b[0];
    expect([...boxes].sort(byId)).toEqual([...expected].sort(byId));
    // The word count's own numbers: 2 lines, 17 words, 17 pairs, and at least the 11 keys pprint read.
    expect(boxes.filter((b) => b[1] !== 'pprint' && b[1] !== 'foreachRDD').map((b) => b.slice(1))).toEqual([
      ['socketTextStream', '2', 'false'],
      ['flatMap', '17', 'false'],
      ['map', '17', 'false'],
      ['reduceByKey', '11', 'true'],
    ]);
    expect(await page.locator('.op[data-op="reduceByKey"] .op-count').innerText()).toMatch(/^≥ 11\s*records$/);
    expect(await page.locator('.op[data-op="pprint"]').getAttribute('data-status')).toBe('succeeded');
    expect(boxes.find((b) => b[1] === 'socketTextStream')?.[2]).toBe(String(last.length));
    expect(await page.locator('.op[data-op="socketTextStream"] .op-count').innerText()).toContain(`${last.length}`);

    // The source row: status in words, rate in the last batch, total received.
    const source = await page.locator('#sources tbody tr').first().locator('td').allInnerTexts();
    expect(source[0]).toBe(`socketTextStream localhost:${String((nc.address() as net.AddressInfo).port)}`);
    expect(source[1]).toContain('connected');
    expect(source[2]).toBe(`${last.length} records/s`);
    expect(source[3]).toBe(String(records));

    await mkdir(RESULTS, { recursive: true });
    await page.screenshot({ path: join(RESULTS, 'ui-streaming.png'), fullPage: true });
  });

  it('pages the batches table, newest first', async () => {
    for (let i = 0; i < 7; i++) {
      await feed(['more words']);
      await clock.advance(1000);
    }
    await expect.poll(() => page.locator('#page-info').innerText()).toBe('Page 1 of 2');
    expect(await page.locator('#batches tbody tr').count()).toBe(10);
    await page.locator('#page-older').click();
    await expect.poll(() => page.locator('#page-info').innerText()).toBe('Page 2 of 2');
    expect(await texts('#batches tbody tr td:first-child')).toEqual(['2026/11/21 10:41:05', '2026/11/21 10:41:04']);
    await page.locator('#page-newer').click();
    await expect.poll(() => page.locator('#page-info').innerText()).toBe('Page 1 of 2');
  });

  it('shows "stopped" when the stream stops, then switches to the next context', async () => {
    ssc.stop(false);
    await expect.poll(() => page.locator('#ctx-state').innerText()).toContain('STOPPED');
    expect(await page.locator('#summary').innerText()).toMatch(/^Stopped: ran batches of 1 second for 12 s from 10:41:03 to 10:41:15 \(12 completed batches/);
    await expect.poll(() => page.locator('#sources tbody tr td:nth-child(2)').innerText()).toContain('stopped');

    const next = new StreamingContext(sc, 2, { clock, out: () => undefined, err: () => undefined });
    next.queueStream([['a']]).pprint();
    server.attach(next);
    await expect.poll(() => page.locator('#ctx-state').innerText()).toContain('INITIALIZED');
    expect(await page.locator('#previous').innerText()).toBe(
      'Showing StreamingContext #2. The previous one (#1) stopped at 10:41:15 after 12 completed batches and 16 records.',
    );
    expect(await page.locator('#summary').innerText()).toBe('Not started: batches of 2 seconds will run after ssc.start()');
    expect(await page.locator('#batches tbody tr[data-status]').count()).toBe(0);
    expect(await page.locator('.op').evaluateAll((els) => els.map((e) => e.getAttribute('data-op')))).toEqual(['queueStream', 'pprint']);
    next.stop(false);
    sc.stop();
  });

  it('draws the window timeline: which batches the current and the previous window cover', async () => {
    const wclock = new ManualClock(new Date(2026, 10, 21, 11, 0, 0).getTime());
    const wsc = new SparkContext('local[2]', 'windows');
    const wssc = new StreamingContext(wsc, 1, { clock: wclock, out: () => undefined, err: () => undefined });
    const batches = [['a b'], ['c d e'], ['f'], ['g h i j'], ['k l']];
    const words = wssc.queueStream(batches).flatMap((l) => l.split(' '));
    const windowed = words.window(3, 2);
    windowed.count().pprint();
    server.attach(wssc);
    await expect.poll(() => page.locator('#ctx-app').innerText()).toBe('windows');
    wssc.start();
    await wclock.advance(5000);
    await expect.poll(() => page.locator('#batches tbody tr[data-status="completed"]').count()).toBe(5);

    expect(await page.locator('#windows-section').isVisible()).toBe(true);
    expect(await page.locator('.window-title').innerText()).toBe('window — window 3 seconds, slide 2 seconds');
    const grid = page.locator(`.timeline-grid[data-window="${windowed.id}"]`);
    // Zero time is 11:00:00: windows end at 11:00:02 and 11:00:04; the newest batch (11:00:05) is in neither.
    expect(await grid.locator('.cell .cell-time').allInnerTexts()).toEqual(['11:00:01', '11:00:02', '11:00:03', '11:00:04', '11:00:05']);
    // What entered in each batch, where the engine counted it (the parent is computed when a window needs it).
    const entered = await grid.locator('.cell .cell-records').allInnerTexts();
    expect(entered).toEqual(wssc.batches().map((b) => String(b.streamCounts[words.id] ?? '–')));
    expect(await grid.locator('.cell.in-current .cell-time').allInnerTexts()).toEqual(['11:00:02', '11:00:03', '11:00:04']);
    expect(await grid.locator('.cell.in-previous .cell-time').allInnerTexts()).toEqual(['11:00:01', '11:00:02']);
    // The window's records are the windowed stream's own counts: 3 + 1 + 4 words, and 2 + 3.
    expect(await page.locator('.window-legend').innerText()).toBe(
      '▁ Current window (solid, below): batches 11:00:02 – 11:00:04, 3 batches, 8 records\n' +
        '┄ Previous window (dashed, above): batches 11:00:00 – 11:00:02, 2 batches, 5 records',
    );
    expect(await page.locator('.op[data-op="window"] .op-window').innerText()).toBe('window 3 seconds / slide 2 seconds');
    await page.locator('#windows-section').screenshot({ path: join(RESULTS, 'ui-windows.png') });
    wssc.stop(true);
  });

  it('says the shell closed when the server goes away, and keeps the last picture', async () => {
    await server.close();
    await expect.poll(() => page.locator('#conn').innerText()).toBe('disconnected: the tspark shell closed');
    expect(await page.locator('#previous').innerText()).toMatch(/The previous one \(#\d\) stopped/);
  });

  it('logged no errors or warnings in the browser (no blocked asset, no refused message)', () => {
    expect(consoleProblems).toEqual([]);
  });
});
