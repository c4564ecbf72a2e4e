/**
 * The UI as a class meets it: the built shell in a real terminal prints the UI's address, the
 * seeds' word count is typed line by line against the real `nc -lk`, and headless Chromium on
 * the printed address sees the operators appear, batches arrive live, and the switch to the
 * fresh `ssc` after `ssc.stop()`. Also: with the default port 4040 taken, the banner says where the UI went.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Pty } from '../support/pty.js';
import { Netcat, freePort } from '../e2e/shell-helpers.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ENV = { NO_COLOR: '1', TSPARK_HISTORY: '' };
const cleanups: (() => unknown)[] = [];

beforeAll(() => {
  if (!existsSync('dist/bin/tspark.js')) throw new Error('run `npm run build` first: this test starts the built shell');
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not at ${CHROMIUM}: run .ci/run or set CHROMIUM_PATH`);
});

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function shell(args: string): Pty {
  const pty = new Pty(`node dist/bin/tspark.js --batch 1 ${args}`, { env: ENV, cols: 120, rows: 40 });
  cleanups.push(() => pty.kill());
  return pty;
}

async function uiUrl(pty: Pty): Promise<string> {
  await pty.waitForText('Spark context Web UI available at ');
  const m = /Spark context Web UI available at (http:\/\/\S+)/.exec(pty.all());
  if (!m?.[1]) throw new Error(`no UI address in:\n${pty.all()}`);
  return m[1];
}

async function browser(): Promise<BrowserContext> {
  const dir = await mkdtemp(join(tmpdir(), 'tspark-ui-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1280, height: 900 },
  });
  cleanups.push(async () => {
    await context.close();
    await rm(dir, { recursive: true, force: true });
  });
  return context;
}

describe('the web UI started by the shell', () => {
  it('shows the seeds word count live at the printed address, then the fresh ssc after ssc.stop()', async () => {
    const port = await freePort();
    const nc = new Netcat(port);
    cleanups.push(() => nc.stop());
    await nc.ready();
    const pty = shell('--ui-port 0');
    await pty.waitForText('tspark>');
    const url = await uiUrl(pty);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const page = (await browser()).pages()[0]!;
    await page.goto(url);
    await page.locator('#conn.conn-live').waitFor();
    await expect.poll(() => page.locator('#summary').innerText()).toBe('Not started: batches of 1 second will run after ssc.start()');

    pty.line(`const lines = ssc.socketTextStream("localhost", ${port})`);
    pty.line('const words = lines.flatMap((line) => line.split(" "))');
    pty.line('const pairs = words.map((word): [string, number] => [word, 1])');
    pty.line('const wordCounts = pairs.reduceByKey((a, b) => a + b)');
    pty.line('wordCounts.pprint()');
    // The operators appear on the page as they are typed, before start().
    await expect
      .poll(() => page.locator('.op').evaluateAll((els) => els.map((e) => e.getAttribute('data-op'))), { timeout: 10_000 })
      .toEqual(['socketTextStream', 'flatMap', 'map', 'reduceByKey', 'pprint']);

    pty.line('ssc.start()');
    await pty.waitForText(`connected to localhost:${port}`);
    await expect.poll(() => page.locator('#ctx-state').innerText()).toContain('ACTIVE');
    nc.send('I Like spark', 'you Like Python', 'he Like JAva');
    await pty.waitFor((all) => /'Like', 3/.test(all), 'a batch with Like counted 3 times');
    await expect.poll(() => page.locator('#batches tbody tr[data-status="completed"] td:nth-child(2)').allInnerTexts()).toContain('3 records');
    await expect.poll(async () => Number(await page.locator('#chart-input .chart').getAttribute('data-points'))).toBeGreaterThan(0);
    expect(await page.locator('#summary').innerText()).toMatch(/^Running batches of 1 second for \d+ s since \d\d:\d\d:\d\d \(\d+ completed batch(es)?, 3 records\)$/);
    expect(await page.locator('#sources tbody tr td:nth-child(2)').innerText()).toContain('connected');
    await mkdir('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/ui-shell-wordcount.png', fullPage: true });

    pty.line('ssc.stop()');
    await pty.waitForText('ssc is ready for a new pipeline');
    await expect.poll(() => page.locator('#ctx-state').innerText()).toContain('STOPPED');
    expect(await page.locator('#summary').innerText()).toMatch(/^Stopped: ran batches of 1 second for \d+ s from /);
    // The shell makes the fresh ssc when it is next used; the page switches to it.
    pty.line(`const lines2 = ssc.socketTextStream("localhost", ${port})`);
    await expect.poll(() => page.locator('#previous').innerText()).toMatch(/^Showing StreamingContext #2\. The previous one \(#1\) stopped at \d\d:\d\d:\d\d after \d+ completed batches and 3 records\.$/);
    expect(await page.locator('#ctx-state').innerText()).toContain('INITIALIZED');
    await expect.poll(() => page.locator('.op').evaluateAll((els) => els.map((e) => e.getAttribute('data-op')))).toEqual(['socketTextStream']);

    pty.line('.exit');
    expect(await pty.exited).toBe(0);
    await expect.poll(() => page.locator('#conn').innerText()).toBe('disconnected: the tspark shell closed');
  });

  it("shows the guide's quick example on the Structured Streaming tab and a DataFrame action on the SQL tab", async () => {
    const port = await freePort();
    const nc = new Netcat(port);
    cleanups.push(() => nc.stop());
    await nc.ready();
    const pty = shell('--ui-port 0');
    await pty.waitForText('tspark>');
    const url = await uiUrl(pty);
    const page = (await browser()).pages()[0]!;
    await page.goto(`${url}/StreamingQuery/`);
    await page.locator('#conn.conn-live').waitFor();

    pty.line(`const lines = spark.readStream.format("socket").option("host", "localhost").option("port", ${port}).load()`);
    pty.line('const words = lines.select(F.explode(F.split(lines.value, " ")).alias("word"))');
    pty.line('const wordCounts = words.groupBy("word").count()');
    pty.line('const query = wordCounts.writeStream.outputMode("complete").format("console").start()');
    await expect.poll(() => page.locator('#sq-active tbody tr[data-run-id]').count(), { timeout: 15_000 }).toBe(1);
    // The source has connected once the query waits for data (the page polls the query's status).
    await expect.poll(() => page.locator('#sq-message').innerText(), { timeout: 15_000 }).toContain('Waiting');
    nc.send('apache spark', 'spark');
    await pty.waitFor((all) => /\|\s*spark\|\s*2\|/.test(all), 'a batch with spark counted twice');
    await expect.poll(() => page.locator('#sq-result-chart .bar-row').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-label')}=${e.getAttribute('data-value')}`)), { timeout: 15_000 }).toEqual(['spark=2', 'apache=1']);
    const names = await page.locator('#sq-plan .plan-node').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')));
    expect(names).toContain('Generate');
    await page.screenshot({ path: 'test-results/ui-shell-structured.png', fullPage: true });

    pty.line('query.stop()');
    await expect.poll(() => page.locator('#sq-completed tbody tr[data-run-id]').count(), { timeout: 15_000 }).toBe(1);
    pty.line('spark.range(5).filter("id > 1").show()');
    await pty.waitFor((all) => /\|\s*4\|/.test(all), 'the shown range');
    await page.goto(`${url}/SQL/`);
    await expect.poll(() => page.locator('#sql-list tbody tr[data-execution-id]').first().innerText(), { timeout: 15_000 }).toContain('show');
    const rows = await page.locator('#sql-plan .plan-node').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-name')}=${e.getAttribute('data-rows')}`));
    expect(rows).toEqual(expect.arrayContaining(['Range=5', 'Filter=3']));
    pty.line('.exit');
    expect(await pty.exited).toBe(0);
  });

  // test/e2e/shell-ui.test.ts covers --ui-port and --no-ui; this one is the default port of the issue.
  it('moves from the default 4040 to the next port when 4040 is taken, and the banner says so', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => {
      // Already taken by something else is just as good: the point is that 4040 is busy.
      blocker.once('error', () => resolve());
      blocker.listen(4040, '127.0.0.1', () => resolve());
    });
    cleanups.push(() => new Promise<void>((resolve) => (blocker.listening ? blocker.close(() => resolve()) : resolve())));
    const pty = shell('');
    const url = await uiUrl(pty);
    const port = Number(new URL(url).port);
    expect(port).toBeGreaterThanOrEqual(4041);
    expect(pty.all()).toContain(`Port 4040 is in use, so the web UI is on port ${port} instead.`);
    const res = await fetch(`${url}/streaming/`);
    expect(res.status).toBe(200);
  });
});
