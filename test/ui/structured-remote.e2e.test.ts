/**
 * The Structured Streaming tab for a query on the real Spark Connect server (SPARK_REMOTE, from
 * scripts/services.mjs): the UI follows it through `spark.streams` listener events only, so the
 * page in Chromium lists the query and draws a chart point per batch from the progress the
 * server sends, and says the plan and result stay on the server. Data comes from a real
 * loopback TCP server read by Spark's socket source. Skipped, visibly, without a server.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { functions as F, SparkSession } from '../../src/sql/index.js';
import { startUiServer, type UiServer } from '../../src/ui/server.js';
import { LineServer } from '../sql/connect/line-server.js';
import { describeRemote, serverUrl } from '../sql/connect/remote.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describeRemote('the Structured Streaming tab for a remote query', () => {
  let server: UiServer;
  let browser: BrowserContext;
  let page: Page;
  let userDataDir: string;
  let spark: SparkSession;
  let lines: LineServer;
  let port: number;

  beforeAll(async () => {
    spark = SparkSession.builder.remote(serverUrl!).getOrCreate().newSession();
    spark.out = () => undefined;
    spark.conf.set('spark.sql.shuffle.partitions', '2');
    lines = new LineServer();
    port = await lines.listen();
    server = await startUiServer({ port: 0 });
    server.attachSession(spark);
    userDataDir = await mkdtemp(join(tmpdir(), 'tspark-ui-chromium-'));
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not at ${CHROMIUM}`);
    browser = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
      viewport: { width: 1400, height: 1000 },
    });
    page = browser.pages()[0] ?? (await browser.newPage());
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    lines?.close();
    spark?.stop();
    if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
  });

  it('lists the query and charts its batches from the server\'s progress events', async () => {
    await page.goto(`${server.url}/StreamingQuery/`);
    await page.locator('#conn.conn-live').waitFor();
    const source = spark.readStream.format('socket').option('host', '127.0.0.1').option('port', port).load();
    const reader = lines.nextReader();
    const name = `ui_remote_${process.pid}`;
    const q = source.select(F.explode(F.split(source.col('value'), ' ')).alias('word')).groupBy('word').count().writeStream.outputMode('complete').format('memory').queryName(name).start();
    try {
      await reader;
      lines.send(['to be or', 'not to be']);
      const row = page.locator(`#sq-active tr[data-run-id="${q.runId}"]`);
      await expect.poll(() => row.count(), { timeout: 60_000 }).toBe(1);
      expect(await row.innerText()).toContain(name);
      // A point per batch with rows: the server's progress, through the listener bus.
      await expect.poll(async () => Number(await page.locator('#chart-sq-rows .chart').getAttribute('data-points')), { timeout: 60_000 }).toBeGreaterThan(0);
      await expect.poll(() => page.locator('#sq-progress').textContent(), { timeout: 60_000 }).toContain('"numInputRows"');
      expect(await page.locator('#sq-plan-sub').innerText()).toContain('Spark Connect server');
      expect(await page.locator('#sq-result-sub').innerText()).toContain('Spark Connect server');
    } finally {
      await q.stop();
    }
    const done = page.locator(`#sq-completed tr[data-run-id="${q.runId}"]`);
    await expect.poll(() => done.count(), { timeout: 30_000 }).toBe(1);
  }, 180_000);
});
