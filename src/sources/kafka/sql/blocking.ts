/**
 * Kafka calls that block: `spark.read.format("kafka")` and `df.write.format("kafka")` are
 * synchronous, as pyspark's DataFrame actions are, while the client is asynchronous. The data
 * source contract's answer (contract.ts): block in a worker. One worker thread (unref'd, made on
 * first use) runs the client; the calling thread posts a request and waits on a shared flag
 * (`Atomics.wait`), then takes the answer with `receiveMessageOnPort`. The worker's code is the
 * typed function `serve` below, handed to the thread as its source.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MessageChannel, type MessagePort, Worker, receiveMessageOnPort } from 'node:worker_threads';
import type { FetchedRecord } from './schema.js';

/** What the calling thread may ask. */
export type BlockingRequest =
  | { readonly op: 'partitions'; readonly bootstrap: readonly string[]; readonly topics: readonly string[] | null; readonly pattern: string | null }
  | { readonly op: 'offsets'; readonly bootstrap: readonly string[]; readonly partitions: ReadonlyArray<readonly [string, number]>; readonly which: 'earliest' | 'latest' }
  | { readonly op: 'fetch'; readonly bootstrap: readonly string[]; readonly ranges: ReadonlyArray<readonly [string, number, number, number]>; readonly maxBytes: number }
  | { readonly op: 'produce'; readonly bootstrap: readonly string[]; readonly records: ReadonlyArray<readonly [string, Uint8Array | null, Uint8Array | null, number | null]> };

/** The answers, by request. */
export interface BlockingAnswers {
  partitions: Array<[string, number]>;
  offsets: Array<[string, number, number]>;
  fetch: FetchedRecord[];
  produce: number;
}

/**
 * The worker's whole program: loads the client from `kafkaUrl`, then answers requests on `port`
 * and raises `flag` after each answer. It must not refer to anything outside itself (it is
 * sent to the thread as source text).
 */
function serve(kafkaUrl: string, port: MessagePort, flag: Int32Array): void {
  type Req = BlockingRequest;
  // Through Function: a test runner that rewrites import() in this module's code must not touch the worker's.
  const dynamicImport = new Function('u', 'return import(u)') as (u: string) => Promise<typeof import('@platformatic/kafka')>;
  const loading = dynamicImport(kafkaUrl);
  const answer = (msg: unknown): void => {
    port.postMessage(msg);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  };
  const describe = (e: unknown): string => {
    const parts: string[] = [];
    const walk = (x: unknown, depth: number): void => {
      if (typeof x !== 'object' || x === null || depth > 5) return;
      const o = x as { message?: unknown; code?: unknown; errors?: unknown; cause?: unknown };
      if (typeof o.code === 'string' && /^E[A-Z]+$/.test(o.code)) parts.push(o.code);
      if (typeof o.message === 'string' && !/^(Multiple errors|Received response with error)/.test(o.message)) parts.push(o.message.replace(/^(?:\w+ failed \d+ times?: )+/, ''));
      if (Array.isArray(o.errors)) for (const i of o.errors) walk(i, depth + 1);
      walk(o.cause, depth + 1);
    };
    walk(e, 0);
    return [...new Set(parts)].slice(0, 2).join(': ') || String(e);
  };
  const run = async (req: Req): Promise<unknown> => {
    const k = await loading;
    const base = { clientId: 'tspark-sql', bootstrapBrokers: [...req.bootstrap], retries: 2, retryDelay: 250, connectTimeout: 5000 };
    if (req.op === 'produce') {
      const p = new k.Producer({ ...base, idempotent: true, autocreateTopics: true });
      try {
        for (let i = 0; i < req.records.length; i += 10_000) {
          await p.send({
            messages: req.records.slice(i, i + 10_000).map(([topic, key, value, partition]) => ({
              topic,
              ...(key !== null ? { key: Buffer.from(key) } : {}),
              ...(value !== null ? { value: Buffer.from(value) } : {}),
              ...(partition !== null ? { partition } : {}),
            })),
          });
        }
      } finally {
        await p.close();
      }
      return req.records.length;
    }
    const c = new k.Consumer({ ...base, groupId: `tspark-sql-${process.pid}`, maxWaitTime: 100 });
    try {
      if (req.op === 'partitions') {
        let names = req.topics ?? [];
        if (req.topics === null) {
          const admin = new k.Admin(base);
          try {
            names = await admin.listTopics();
          } finally {
            await admin.close();
          }
        }
        const re = req.pattern === null ? undefined : new RegExp(req.pattern);
        const out: Array<[string, number]> = [];
        for (const t of names.filter((n) => re === undefined || re.test(n))) {
          try {
            const md = await c.metadata({ topics: [t] });
            const n = md.topics.get(t)?.partitionsCount ?? 0;
            for (let p = 0; p < n; p++) out.push([t, p]);
          } catch (e) {
            if (!/Unknown topic/.test(String((e as Error).message))) throw e;
          }
        }
        return out;
      }
      if (req.op === 'offsets') {
        const byTopic: Record<string, number[]> = {};
        for (const [t, p] of req.partitions) (byTopic[t] ??= []).push(p);
        const res = Object.keys(byTopic).length === 0 ? new Map<string, bigint[]>() : await c.listOffsets({ topics: Object.keys(byTopic), partitions: byTopic, timestamp: req.which === 'earliest' ? -2n : -1n });
        const out: Array<[string, number, number]> = [];
        for (const [t, list] of res) for (const p of byTopic[t] ?? []) out.push([t, p, Number(list[p] ?? 0n)]);
        return out;
      }
      // fetch: every record of each [topic, partition, from, until), in offset order per range.
      const records: FetchedRecord[] = [];
      for (const [topic, partition, from, until] of req.ranges) {
        let at = from;
        let idle = 0;
        const md = await c.metadata({ topics: [topic] });
        const t = md.topics.get(topic);
        const leader = t?.partitions[partition]?.leader;
        if (t === undefined || leader === undefined) throw new Error(`no leader known for ${topic}-${partition}`);
        while (at < until && idle < 20) {
          const res = await c.fetch({ node: leader, maxWaitTime: 100, minBytes: 1, maxBytes: req.maxBytes, topics: [{ topicId: t.id, partitions: [{ partition, fetchOffset: BigInt(at), partitionMaxBytes: req.maxBytes, currentLeaderEpoch: -1, lastFetchedEpoch: -1 }] }] });
          const before = at;
          for (const tr of res.responses) {
            for (const pr of tr.partitions) {
              for (const batch of pr.records ?? []) {
                const first = Number(batch.firstOffset);
                if (!(batch.attributes & 0x20)) {
                  for (const r of batch.records) {
                    const off = first + r.offsetDelta;
                    if (off < at || off >= until) continue;
                    records.push({
                      key: r.key === null ? null : new Uint8Array(r.key),
                      value: r.value === null ? null : new Uint8Array(r.value),
                      topic,
                      partition,
                      offset: off,
                      timestamp: Number(batch.firstTimestamp) + Number(r.timestampDelta),
                      headers: r.headers.map(([hk, hv]) => [hk === null ? '' : hk.toString('utf8'), hv === null ? null : new Uint8Array(hv)] as const),
                    });
                  }
                }
                at = Math.max(at, Math.min(until, first + batch.lastOffsetDelta + 1));
              }
            }
          }
          idle = at > before ? 0 : idle + 1;
        }
      }
      return records;
    } finally {
      await c.close();
    }
  };
  port.on('message', (req: Req) => {
    run(req).then(
      (value) => answer({ ok: true, value }),
      (e: unknown) => answer({ ok: false, error: describe(e) }),
    );
  });
}

let worker: { readonly worker: Worker; readonly port: MessagePort; readonly flag: Int32Array } | undefined;

function start(): NonNullable<typeof worker> {
  if (worker) return worker;
  const kafkaUrl = pathToFileURL(createRequire(import.meta.url).resolve('@platformatic/kafka')).href;
  const { port1, port2 } = new MessageChannel();
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const source = `const { workerData } = require('node:worker_threads');\n(${serve.toString()})(workerData.kafkaUrl, workerData.port, workerData.flag);`;
  const w = new Worker(source, { eval: true, workerData: { kafkaUrl, port: port2, flag }, transferList: [port2] });
  // The worker lives as long as the process needs it, never longer.
  w.unref();
  port1.unref();
  worker = { worker: w, port: port1, flag };
  return worker;
}

/** Asks the worker and blocks this thread until it answers (or `timeoutMs` passes); throws the worker's error as `Error`. */
export function callBlocking<O extends BlockingRequest['op']>(request: Extract<BlockingRequest, { op: O }>, timeoutMs = 120_000): BlockingAnswers[O] {
  const w = start();
  Atomics.store(w.flag, 0, 0);
  w.port.postMessage(request);
  if (Atomics.wait(w.flag, 0, 0, timeoutMs) === 'timed-out') throw new Error(`Kafka did not answer within ${timeoutMs / 1000} s (${request.op})`);
  const got = receiveMessageOnPort(w.port)?.message as { ok: boolean; value?: unknown; error?: string } | undefined;
  if (!got) throw new Error(`the Kafka worker gave no answer (${request.op})`);
  if (!got.ok) throw new Error(got.error ?? 'the Kafka worker failed');
  return got.value as BlockingAnswers[O];
}
