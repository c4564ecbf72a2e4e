// The mqtt source's message store on real files: offsets that keep counting across reopenings
// and commits, and a record cut short by a crash (never acknowledged) dropped on reopening.
import { appendFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MessageStore } from '../../../src/sources/mqtt/message-store.js';

const root = mkdtempSync(join(tmpdir(), 'tspark-mqtt-store-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const dir = () => join(root, `s${++n}`);
const msg = (text: string) => ({ id: 1, topic: 'sensors/s1/temp', payload: new TextEncoder().encode(text), timestamp: 1_700_000_000_000_000, qos: 1 });
const texts = (ms: { payload: Uint8Array }[]) => ms.map((m) => new TextDecoder().decode(m.payload));

describe('mqtt message store', () => {
  it('numbers messages from 0 and keeps the uncommitted ones across a reopening', () => {
    const d = dir();
    const a = MessageStore.open(d, false);
    for (const t of ['a', 'b', 'c', 'd']) a.append(msg(t));
    a.commit(1);
    a.close();
    const b = MessageStore.open(d, false);
    expect([b.committed, b.lastOffset]).toEqual([1, 3]);
    expect(texts(b.range(1, 3))).toEqual(['c', 'd']);
    expect(b.append(msg('e')).offset).toBe(4);
    b.commit(4);
    b.close();
    const c = MessageStore.open(d, false);
    expect([c.committed, c.lastOffset]).toEqual([4, 4]);
    expect(c.append(msg('f')).offset).toBe(5);
    expect(statSync(join(d, 'messages.log')).size).toBeGreaterThan(0);
    c.close();
  });

  it('holds an uncommitted message by packet id, topic and payload (a DUP redelivery), not one committed or different', () => {
    const s = MessageStore.open(dir(), false);
    s.append({ ...msg('a'), id: 7 });
    s.append({ ...msg('b'), id: 8 });
    expect(s.holds({ ...msg('b'), id: 8 })).toBe(true);
    expect(s.holds({ ...msg('b'), id: 9 })).toBe(false);
    expect(s.holds({ ...msg('c'), id: 8 })).toBe(false);
    expect(s.holds({ ...msg('b'), id: 8, topic: 'sensors/s2/temp' })).toBe(false);
    s.commit(0);
    expect(s.holds({ ...msg('a'), id: 7 })).toBe(false);
    s.close();
  });

  it('drops a record cut short by a crash, so the broker\'s redelivery takes its offset', () => {
    const d = dir();
    const a = MessageStore.open(d, false);
    a.append(msg('whole'));
    a.close();
    appendFileSync(join(d, 'messages.log'), Buffer.from([200, 0, 0, 0, 1, 2, 3]));
    const b = MessageStore.open(d, false);
    expect(b.lastOffset).toBe(0);
    b.append(msg('again'));
    b.close();
    const c = MessageStore.open(d, false);
    expect(texts(c.range(-1, 1))).toEqual(['whole', 'again']);
    c.close();
  });

  it('cleanSession drops what a previous run kept; memory persistence keeps nothing on disk', () => {
    const d = dir();
    const a = MessageStore.open(d, false);
    a.append(msg('old'));
    a.close();
    const b = MessageStore.open(d, true);
    expect(b.lastOffset).toBe(-1);
    b.close();
    const m = MessageStore.open(undefined, false);
    m.append(msg('x'));
    expect(texts(m.range(-1, 0))).toEqual(['x']);
  });
});
