/**
 * The Structured Streaming and SQL tabs in a real headless Chromium (Debian's, driven by
 * playwright-core). The programming guide's windowed word count with a 10-minute watermark reads
 * real files on a ManualClock, one file per `processAllAvailable()`; the page, opened before the
 * query starts, must follow it live over the WebSocket: the query list, a chart point per batch,
 * the plan with rows per operator, the watermark timeline with the windows that real PySpark 3.5
 * emitted and the late rows it dropped (test/sql/streaming/pyspark/expected/watermark_append.txt),
 * and the latest result as a table and bar chart. Then the SQL tab lists a DataFrame action with
 * its plan and rows. Screenshots go to test-results/ for a person to look at.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functions as F } from '../../src/sql/index.js';
import type { StreamingQuery } from '../../src/sql/index.js';
import { startUiServer, type UiServer } from '../../src/ui/server.js';
import { placeFile, tempDir, testSession, type TestSession } from '../sql/streaming/support/streaming.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RESULTS = join(process.cwd(), 'test-results');

// The guide's data, as the watermark example test feeds it (one file per batch).
const FILES = [
  '2024-01-01 12:07:00,dog\n2024-01-01 12:08:00,owl\n',
  '2024-01-01 12:14:00,dog\n2024-01-01 12:09:00,cat\n',
  '2024-01-01 12:15:00,cat\n2024-01-01 12:08:00,dog\n2024-01-01 12:13:00,owl\n2024-01-01 12:21:00,owl\n',
  '2024-01-01 12:04:00,donkey\n2024-01-01 12:17:00,owl\n',
];
const at = (hhmm: string): number => Date.parse(`2024-01-01T${hhmm}:00Z`);

let server: UiServer;
let browser: BrowserContext;
let page: Page;
let userDataDir: string;
let t: TestSession;
const problems: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not at ${CHROMIUM}: run .ci/run (it installs Debian's chromium) or set CHROMIUM_PATH`);
  await mkdir(RESULTS, { recursive: true });
  server = await startUiServer({ port: 0 });
  t = testSession({ shufflePartitions: 2 });
  server.attachSession(t.spark);
  userDataDir = await mkdtemp(join(tmpdir(), 'tspark-ui-chromium-'));
  browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1600, height: 1100 },
    // Event times are UTC in the data; the page shows the viewer's local time.
    timezoneId: 'UTC',
  });
  page = browser.pages()[0] ?? (await browser.newPage());
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  t?.stop();
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
});

/** The attribute values of every element matching `selector`. */
const attrs = (selector: string, name: string): Promise<string[]> => page.locator(selector).evaluateAll((els, n) => els.map((e) => e.getAttribute(n) ?? ''), name);

describe('the Structured Streaming tab in Chromium', () => {
  let q: StreamingQuery;

  it('shows "no queries" before one starts, then the query as RUNNING, live', async () => {
    await page.goto(`${server.url}/StreamingQuery/`);
    await page.locator('#conn.conn-live').waitFor();
    await expect.poll(() => page.locator('#sq-active tbody').innerText()).toContain('No active streaming queries');
    expect(await page.locator('#tab-link-structured.current').count()).toBe(1);

    const src = join(tempDir(), 'in');
    mkdirSync(src);
    const words = t.spark.readStream.schema('timestamp TIMESTAMP, word STRING').option('maxFilesPerTrigger', 1).csv(src);
    const counts = words.withWatermark('timestamp', '10 minutes').groupBy(F.window(F.col('timestamp'), '10 minutes', '5 minutes'), F.col('word')).count();
    q = counts.writeStream.outputMode('append').format('memory').queryName('windowed').start();
    for (const [i, text] of FILES.entries()) {
      placeFile(src, `part${i}.csv`, text);
      await q.processAllAvailable();
    }
    const batches = q.recentProgress.filter((p) => p.sink !== undefined && p.durationMs['addBatch'] !== undefined).length;
    expect(batches).toBe(7); // PySpark ran batches 0–6 for these files (watermark_append.txt).

    const row = page.locator(`#sq-active tr[data-run-id="${q.runId}"]`);
    await expect.poll(() => row.innerText()).toContain('windowed');
    // The page gets each batch's progress as its own message: wait for the last one (batch 6).
    await expect.poll(() => row.innerText()).toMatch(/\s6\s*$/);
    const text = await row.innerText();
    expect(text).toContain('RUNNING');
    expect(text).toContain(q.id);
    // One chart point per batch, from the progress objects.
    await expect.poll(() => attrs('#chart-sq-rows .chart', 'data-points')).toEqual(['7']);
    expect(await page.locator('#sq-message').innerText()).not.toBe('-');
  });

  it('draws the watermark timeline with the windows PySpark emitted and the late rows it dropped', async () => {
    await page.locator('#sq-timeline-section').waitFor();
    // Batch 5 (a no-data batch run because the watermark moved to 12:11) emitted window [12:00, 12:10): owl, dog, cat.
    const b5 = page.locator('.wm-row[data-batch="5"]');
    const emitted = b5.locator('.wm-window[data-state="emitted"]');
    expect(await emitted.count()).toBe(1);
    expect(await emitted.getAttribute('data-start')).toBe(String(at('12:00')));
    expect(await emitted.getAttribute('data-end')).toBe(String(at('12:10')));
    expect(await emitted.locator('.wm-count').textContent()).toBe('✓ 3 keys');
    expect(await b5.locator('.wm-line').count()).toBe(1);
    // Batch 6: donkey at 12:04 is late for both its windows (dropped=2 in PySpark's progress).
    const late = page.locator('.wm-row[data-batch="6"] .wm-window:not([data-dropped="0"])');
    expect((await attrs('.wm-row[data-batch="6"] .wm-window:not([data-dropped="0"])', 'data-start')).map(Number).sort()).toEqual([at('11:55'), at('12:00')]);
    expect(await late.locator('text.wm-late').allTextContents()).toEqual(['✕ 1 late', '✕ 1 late']);
    // Nothing was emitted before the watermark passed a window's end.
    for (const b of [0, 1, 2, 3, 4]) expect(await page.locator(`.wm-row[data-batch="${b}"] .wm-window[data-state="emitted"]`).count()).toBe(0);
    // The counts on the page are the engine's: the dropped keys equal the progress' numRowsDroppedByWatermark.
    const dropped = q.recentProgress.reduce((n, p) => n + p.stateOperators.reduce((m, o) => m + o.numRowsDroppedByWatermark, 0), 0);
    expect(dropped).toBe(2);
    await page.locator('#sq-timeline-section').screenshot({ path: join(RESULTS, 'ui-watermark-timeline.png') });
  });

  it('draws the plan of the last batch with the rows each operator emitted', async () => {
    const nodes = page.locator('#sq-plan .plan-node');
    await expect.poll(() => nodes.count()).toBeGreaterThan(2);
    const names = await attrs('#sq-plan .plan-node', 'data-name');
    const rows = await attrs('#sq-plan .plan-node', 'data-rows');
    const byName = (n: string): string | undefined => rows[names.findIndex((x) => x.startsWith(n))];
    expect(names).toContain('StateStoreSave');
    // Batch 6 read 2 rows (donkey, owl) and the sink got none (append: nothing final yet).
    expect(byName('Scan')).toBe('2');
    expect(rows[0]).toBe('0');
    expect(await page.locator('#sq-plan-sub').innerText()).toContain('batch 6');
  });

  it('shows the latest result and, after stop, lists the query as FINISHED', async () => {
    // Batch 6 gave the sink nothing; the memory table holds what batch 5 emitted.
    expect(await page.locator('#sq-result-sub').innerText()).toContain('batch 6, append mode: 0 rows');
    expect(t.spark.sql('select count(*) from windowed').collect()[0]![0]).toBe(3);
    await q.stop();
    const row = page.locator(`#sq-completed tr[data-run-id="${q.runId}"]`);
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.innerText()).toContain('FINISHED');
    expect(await page.locator('#sq-active tbody').innerText()).toContain('No active streaming queries');
  });

  it('draws a complete-mode result as a live table and bar chart', async () => {
    const src = join(tempDir(), 'in');
    mkdirSync(src);
    const words = t.spark.readStream.schema('timestamp TIMESTAMP, word STRING').option('maxFilesPerTrigger', 1).csv(src);
    const q2 = words.groupBy('word').count().writeStream.outputMode('complete').format('memory').queryName('totals').start();
    placeFile(src, 'part0.csv', FILES[2]!);
    await q2.processAllAvailable();
    await page.goto(`${server.url}/StreamingQuery/#${encodeURIComponent(q2.runId)}`);
    await expect.poll(() => attrs('#sq-result-chart .bar-row', 'data-label')).toEqual(['owl', 'cat', 'dog']);
    expect(await attrs('#sq-result-chart .bar-row', 'data-value')).toEqual(['2', '1', '1']);
    // Live: the next file changes the bars without a reload.
    placeFile(src, 'part1.csv', FILES[0]!);
    await q2.processAllAvailable();
    await expect.poll(() => attrs('#sq-result-chart .bar-row', 'data-value')).toEqual(['3', '2', '1']);
    expect(await page.locator('#sq-result tbody tr').count()).toBe(3);
    await page.screenshot({ path: join(RESULTS, 'ui-structured-streaming.png'), fullPage: true });
    await q2.stop();
  });
});

describe('the SQL tab in Chromium', () => {
  it('lists each DataFrame action with its duration and draws its plan with rows per operator', async () => {
    const df = t.spark.createDataFrame(
      [
        ['spark', 3],
        ['flink', 1],
        ['spark', 2],
        ['beam', 5],
        ['spark', 7],
      ],
      ['name', 'n'],
    );
    df.filter(F.col('n').gt(1)).groupBy('name').count().show();
    await page.goto(`${server.url}/SQL/`);
    await page.locator('#conn.conn-live').waitFor();
    const first = page.locator('#sql-list tbody tr').first();
    await expect.poll(() => first.innerText()).toContain('show');
    expect(await first.innerText()).toMatch(/succeeded/);
    const names = await attrs('#sql-plan .plan-node', 'data-name');
    const rows = await attrs('#sql-plan .plan-node', 'data-rows');
    const rowsOf = (n: string): string | undefined => rows[names.indexOf(n)];
    // 5 rows scanned, 4 with n > 1, 2 names (spark, beam) after the aggregate.
    expect(rowsOf('Scan ExistingRDD')).toBe('5');
    expect(rowsOf('Filter')).toBe('4');
    expect(rowsOf('HashAggregate')).toBe('2');
    await page.screenshot({ path: join(RESULTS, 'ui-sql.png'), fullPage: true });
    expect(problems).toEqual([]);
  });
});
