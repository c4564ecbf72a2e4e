import { describe, expect, it } from 'vitest';
import {
  MAX_CLIENT_MESSAGE_BYTES,
  PROTOCOL_VERSION,
  decodeClientMessage,
  decodeServerMessage,
  encodeClientMessage,
  encodeServerMessage,
  type BatchView,
  type ClientMessage,
  type ServerMessage,
} from '../../src/ui/protocol.js';

const batch: BatchView = {
  batchTime: 1_795_257_661_000,
  submissionTime: 1_795_257_661_002,
  processingStartTime: 1_795_257_661_003,
  processingEndTime: 1_795_257_661_050,
  numRecords: 42,
  status: 'failed',
  outputOpsSucceeded: 1,
  outputOpsTotal: 2,
  outputOps: [
    { id: 4, name: 'pprint', status: 'failed', error: 'Error: boom' },
    { id: 5, name: 'foreachRDD', status: 'succeeded', error: null },
  ],
  error: 'pprint: Error: boom',
  streamRecords: { '0': 42 },
  streamCounts: { '0': 42, '1': 120, '3': 17 },
  partialCounts: [3],
};

const context = {
  id: 2,
  state: 'ACTIVE',
  master: 'local[*]',
  appName: 'tspark',
  batchMs: 1000,
  startTime: 1_795_257_660_000,
  stopTime: null,
  firstBatchTime: 1_795_257_661_000,
  paused: false,
} as const;

const graph = [
  { id: 0, name: 'socketTextStream', parents: [], kind: 'input', windowMs: null, slideMs: null },
  { id: 1, name: 'window', parents: [0], kind: 'transform', windowMs: 30_000, slideMs: 10_000 },
  { id: 2, name: 'pprint', parents: [1], kind: 'output', windowMs: null, slideMs: null },
] as const;

const serverMessages: ServerMessage[] = [
  {
    v: PROTOCOL_VERSION,
    type: 'snapshot',
    now: 1_795_257_662_000,
    context,
    graph: [...graph],
    batches: [batch],
    sources: [
      {
        id: 0,
        name: 'socketTextStream localhost:9999',
        state: 'retrying',
        recordsReceived: 4210,
        ratePerSec: 12.5,
        lastMessage: 'connection refused',
        lastError: 'ECONNREFUSED',
        lastErrorTime: 1_795_257_661_500,
        partitions: null,
        group: null,
      },
      {
        id: 1,
        name: 'kafka words @ localhost:9092',
        state: 'connected',
        recordsReceived: 120,
        ratePerSec: 40,
        lastMessage: 'group "g" generation 3: this process reads words-0, words-2',
        lastError: null,
        lastErrorTime: null,
        partitions: [
          { topic: 'words', partition: 0, offset: 60, latest: 64 },
          { topic: 'words', partition: 2, offset: 60, latest: null },
        ],
        group: { id: 'g', generation: 3, rebalances: [{ time: 1_795_257_660_000, generation: 3, partitions: ['words-0', 'words-2'] }] },
      },
    ],
    totals: { completedBatches: 130, totalRecords: 4210 },
    previous: { id: 1, state: 'STOPPED', stopTime: 1_795_257_600_000, completedBatches: 10, totalRecords: 99 },
  },
  { v: PROTOCOL_VERSION, type: 'context', now: 5, context: { ...context, state: 'STOPPED', stopTime: 5 }, graph: [] },
  { v: PROTOCOL_VERSION, type: 'batch', now: 6, batch, totals: { completedBatches: 1, totalRecords: 42 } },
  {
    v: PROTOCOL_VERSION,
    type: 'source',
    now: 7,
    source: { id: 3, name: 'q', state: 'connected', recordsReceived: 0, ratePerSec: 0, lastMessage: null, lastError: null, lastErrorTime: null, partitions: null, group: null },
  },
  { v: PROTOCOL_VERSION, type: 'clock', now: 8 },
  { v: PROTOCOL_VERSION, type: 'pong', id: 9 },
];

const clientMessages: ClientMessage[] = [
  { v: PROTOCOL_VERSION, type: 'hello' },
  { v: PROTOCOL_VERSION, type: 'ping', id: 41 },
];

function refusal(decoded: { ok: boolean; error?: string }): string {
  expect(decoded.ok).toBe(false);
  return decoded.error ?? '';
}

describe('server messages', () => {
  it.each(serverMessages.map((m) => [m.type, m] as const))('round-trips a %s message through encode and decode', (_type, message) => {
    expect(decodeServerMessage(encodeServerMessage(message))).toEqual({ ok: true, message });
  });

  it('refuses text that is not JSON', () => {
    expect(refusal(decodeServerMessage('{"v":1,'))).toBe('message is not JSON');
  });

  it('refuses another protocol version and says to reload', () => {
    expect(refusal(decodeServerMessage(JSON.stringify({ v: PROTOCOL_VERSION + 1, type: 'clock', now: 1 })))).toMatch(
      new RegExp(`version ${PROTOCOL_VERSION + 1}.*version ${PROTOCOL_VERSION}.*reload`),
    );
  });

  it('refuses an unknown message type, naming the known ones', () => {
    expect(refusal(decodeServerMessage(JSON.stringify({ v: PROTOCOL_VERSION, type: 'eval', code: 'process.exit()' })))).toMatch(
      /type "eval" is not one of snapshot, context, batch, source, clock, pong/,
    );
  });

  it('refuses a field of the wrong type, with its path and the value received', () => {
    const bad = { ...serverMessages[2], batch: { ...batch, numRecords: -1 } };
    expect(refusal(decodeServerMessage(JSON.stringify(bad)))).toBe('message.batch.numRecords must be an integer >= 0; got -1');
  });

  it('refuses a missing field', () => {
    const { now: _now, ...bad } = { v: PROTOCOL_VERSION, type: 'clock', now: 1 };
    expect(refusal(decodeServerMessage(JSON.stringify(bad)))).toBe('message.now must be a finite number; got nothing');
  });

  it('refuses a field the protocol does not have', () => {
    expect(refusal(decodeServerMessage(JSON.stringify({ v: PROTOCOL_VERSION, type: 'clock', now: 1, extra: true })))).toBe('message has an unknown field "extra"');
  });

  it('refuses a flag that is not a boolean', () => {
    const bad = { ...serverMessages[1], context: { ...context, paused: 'yes' } };
    expect(refusal(decodeServerMessage(JSON.stringify(bad)))).toBe('message.context.paused must be true or false; got "yes"');
  });

  it('refuses an unknown enum value', () => {
    const bad = { ...serverMessages[2], batch: { ...batch, status: 'exploded' } };
    expect(refusal(decodeServerMessage(JSON.stringify(bad)))).toMatch(/message\.batch\.status must be one of "queued", .*; got "exploded"/);
  });

  it('refuses stream-count keys that are not stream ids', () => {
    const bad = { ...serverMessages[2], batch: { ...batch, streamCounts: { __proto__x: 1 } } };
    expect(refusal(decodeServerMessage(JSON.stringify(bad)))).toMatch(/streamCounts keys must be stream ids/);
  });

  it('refuses a top-level value that is not an object', () => {
    expect(refusal(decodeServerMessage('[1,2]'))).toBe('message must be an object; got [1,2]');
  });
});

describe('client messages', () => {
  it.each(clientMessages.map((m) => [m.type, m] as const))('round-trips a %s message', (_type, message) => {
    expect(decodeClientMessage(encodeClientMessage(message))).toEqual({ ok: true, message });
  });

  it('refuses a server message type sent by a client', () => {
    expect(refusal(decodeClientMessage(JSON.stringify({ v: PROTOCOL_VERSION, type: 'clock', now: 1 })))).toMatch(/not one of hello, ping/);
  });

  it('refuses anything that looks like a request to run code', () => {
    expect(refusal(decodeClientMessage(JSON.stringify({ v: PROTOCOL_VERSION, type: 'eval', code: 'ssc.stop()' })))).toMatch(/type "eval"/);
    expect(refusal(decodeClientMessage(JSON.stringify({ v: PROTOCOL_VERSION, type: 'hello', code: 'ssc.stop()' })))).toBe('message has an unknown field "code"');
  });

  it('refuses inherited property names as fields', () => {
    expect(refusal(decodeClientMessage(`{"v":${PROTOCOL_VERSION},"type":"hello","__proto__":{"polluted":true}}`))).toBe('message has an unknown field "__proto__"');
    expect(refusal(decodeClientMessage(`{"v":${PROTOCOL_VERSION},"type":"hello","toString":1}`))).toBe('message has an unknown field "toString"');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a message longer than the limit before parsing it', () => {
    const big = JSON.stringify({ v: PROTOCOL_VERSION, type: 'ping', id: 1, pad: 'x'.repeat(MAX_CLIENT_MESSAGE_BYTES) });
    expect(refusal(decodeClientMessage(big))).toMatch(/limit is 1024/);
  });

  it('refuses a ping whose id is not a whole number', () => {
    expect(refusal(decodeClientMessage(`{"v":${PROTOCOL_VERSION},"type":"ping","id":1.5}`))).toBe('message.id must be an integer >= 0; got 1.5');
  });
});
