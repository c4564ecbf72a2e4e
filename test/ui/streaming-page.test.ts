/**
 * The Streaming page in a real headless Chromium (Debian's, driven by playwright-core): a word
 * count runs on a ManualClock, fed by a receiver, and the page must show the batches, chart
 * points, the pipeline with its counts, the sources, a failed batch's error, "stopped", and the
 * switch to a new context. A screenshot is saved under test-results/ for a person to look at.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/engine/clock.js';
import { StreamingContext } from '../../src/engine/context.js';
import { SparkContext } from '../../src/engine/spark-context.js';
import { startUiServer, type UiServer } from '../../src/ui/server.js';
import { PushReceiver } from './push-receiver.js';

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
let browser: BrowserContext;
let page: Page;
let userDataDir: string;
const consoleProblems: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not at ${CHROMIUM}: run .ci/run (it installs Debian's chromium) or set CHROMIUM_PATH`);
  server = await startUiServer({ port: 0 });
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
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
});

/** The texts of all elements matching `selector`. */
const texts = (selector: string): Promise<string[]> => page.locator(selector).allInnerTexts();

describe('the Streaming page in Chromium', () => {
  const clock = new ManualClock(T0);
  const sc = new SparkContext('local[*]', 'wordcount');
  const ssc = new StreamingContext(sc, 1, { clock, out: () => undefined, err: () => undefined, stopSparkContextByDefault: false });
  const receiver = new PushReceiver('socketTextStream localhost:9999');
  const lines = ssc.receiverStream(receiver);
  lines
    .flatMap((line) => line.split(' '))
    .map((w): [string, number] => [w, 1])
    .reduceByKey((a, b) => a + b)
    .pprint();
  // A second output that fails on one batch, so the table shows an error as a class would see it.
  lines.foreachRDD((rdd) => {
    if (rdd.collect().some((l) => l.includes('boom'))) throw new Error('found "boom" in the input');
  });

  it('shows the context before it starts, with the operators typed so far', async () => {
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
    await receiver.started;
    let records = 0;
    for (const [i, batch] of LINES.entries()) {
      receiver.push(batch);
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
      .evaluateAll((els) => els.map((e) => [Number(e.getAttribute('data-id')), e.getAttribute('data-op'), e.getAttribute('data-count')] as const));
    const lastBatch = ssc.lastBatch();
    const expected = ssc.graph().map((n) => {
      const counted = lastBatch?.streamCounts[n.id] ?? (n.kind === 'input' ? lastBatch?.streamRecords[n.id] : undefined);
      return [n.id, n.name, counted === undefined ? '' : String(counted)] as const;
    });
    const byId = (a: readonly [number, ...unknown[]], b: readonly [number, ...unknown[]]): number => a[0] - b[0];
    expect([...boxes].sort(byId)).toEqual([...expected].sort(byId));
    expect(boxes.find((b) => b[1] === 'socketTextStream')?.[2]).toBe(String(last.length));
    expect(await page.locator('.op[data-op="socketTextStream"] .op-count').innerText()).toContain(`${last.length}`);

    // The source row: status in words, rate in the last batch, total received.
    const source = await page.locator('#sources tbody tr').first().locator('td').allInnerTexts();
    expect(source[0]).toBe('socketTextStream localhost:9999');
    expect(source[1]).toContain('connected');
    expect(source[2]).toBe(`${last.length} records/s`);
    expect(source[3]).toBe(String(records));

    await mkdir(RESULTS, { recursive: true });
    await page.screenshot({ path: join(RESULTS, 'ui-streaming.png'), fullPage: true });
  });

  it('pages the batches table, newest first', async () => {
    for (let i = 0; i < 7; i++) {
      receiver.push(['more words']);
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

  it('says the shell closed when the server goes away, and keeps the last picture', async () => {
    await server.close();
    await expect.poll(() => page.locator('#conn').innerText()).toBe('disconnected: the tspark shell closed');
    expect(await page.locator('#previous').innerText()).toContain('The previous one (#1) stopped');
  });

  it('logged no errors or warnings in the browser (no blocked asset, no refused message)', () => {
    expect(consoleProblems).toEqual([]);
  });
});
