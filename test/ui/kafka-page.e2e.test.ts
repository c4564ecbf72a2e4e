/**
 * The Streaming page for a Kafka input, in a real headless Chromium, against the real broker:
 * the Input Streams table shows the partitions this process reads in its consumer group, each
 * with its offset, end and lag, and the rebalance that gave them to it.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaUtils, ManualClock, SparkConf, SparkContext, StreamingContext } from '../../src/index.js';
import { startUiServer, type UiServer } from '../../src/ui/server.js';
import { createTopic, kafkaBootstrap, produce, uniqueTopic } from '../support/kafka.js';
import { waitFor } from '../support/wait.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let bootstrap = '';
let server: UiServer;
let browser: BrowserContext;
let page: Page;
let userDataDir: string;
let ssc: StreamingContext | undefined;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not at ${CHROMIUM}: run .ci/run (it installs Debian's chromium) or set CHROMIUM_PATH`);
  bootstrap = await kafkaBootstrap();
  server = await startUiServer({ port: 0 });
  userDataDir = await mkdtemp(join(tmpdir(), 'tspark-ui-kafka-'));
  browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1400, height: 900 },
  });
  page = browser.pages()[0] ?? (await browser.newPage());
}, 600_000);

afterAll(async () => {
  ssc?.stop(true);
  await browser?.close();
  await server?.close();
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
});

describe('the Streaming page for a Kafka input', () => {
  it('shows the partitions this process reads, their offsets and lag, and the rebalance', async () => {
    const topic = uniqueTopic('ui-words');
    const group = uniqueTopic('ui-group');
    await createTopic(bootstrap, topic, 2);
    await produce(bootstrap, topic, Array.from({ length: 30 }, (_, i) => ({ value: `w${i}`, partition: i % 2 })));
    const clock = new ManualClock(new Date(2026, 10, 21, 10, 41, 3).getTime());
    // At most 10 records per partition and batch, so the page has a lag to show.
    const conf = new SparkConf().setMaster('local[2]').setAppName('kafka-ui').set('spark.streaming.kafka.maxRatePerPartition', 10);
    ssc = new StreamingContext(new SparkContext(conf), 1, { clock, out: () => undefined, err: () => undefined });
    KafkaUtils.createDirectStream(ssc, [topic], { 'bootstrap.servers': bootstrap, 'group.id': group, 'auto.offset.reset': 'smallest' }).count().pprint();
    server.attach(ssc);
    ssc.start();
    await page.goto(`${server.url}/streaming/`);
    await page.locator('#conn.conn-live').waitFor();
    await waitFor(() => (ssc?.sources()[0]?.group?.generation ?? -1) >= 0, 'the member to join', 30_000);
    await clock.advance(1000);
    // Ten more records written to partition 0 after the first batch.
    await produce(bootstrap, topic, Array.from({ length: 10 }, (_, i) => ({ value: `x${i}`, partition: 0 })));
    await clock.advance(1000);
    const rows = page.locator('table.partitions tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    await expect.poll(() => rows.allInnerTexts()).toEqual([`${topic}-0\t20\t25\t5`, `${topic}-1\t15\t15\t0`]);
    const groupInfo = await page.locator('.group-info').innerText();
    expect(groupInfo).toMatch(new RegExp(`consumer group ${group}, generation \\d+`));
    expect(groupInfo).toMatch(new RegExp(`10:41:0\\d rebalance, generation \\d+: reads ${topic}-0, ${topic}-1`));
    await page.screenshot({ path: join(process.cwd(), 'test-results', 'kafka-page.png'), fullPage: true });
  }, 90_000);
});
