// A real PostgreSQL (scripts/services.mjs start postgres) used with the clients the JDBC-style
// writer will use: pg for statements, pg-copy-streams for bulk COPY.
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { service } from '../support/services.js';

let url: string;
let client: pg.Client;

beforeAll(async () => {
  url = await service('postgres');
  client = new pg.Client({ connectionString: url });
  await client.connect();
}, 600_000);

afterAll(async () => {
  await client?.end();
});

describe('PostgreSQL (real server)', () => {
  it('prints a password URL on loopback', () => {
    expect(url).toMatch(/^postgresql:\/\/tspark:tspark@127\.0\.0\.1:\d+\/tspark$/);
  });

  it('creates a table, inserts, upserts and selects', async () => {
    const table = `counts_${randomUUID().replaceAll('-', '')}`;
    await client.query(`CREATE TABLE ${table} (word text PRIMARY KEY, n bigint NOT NULL)`);
    await client.query(`INSERT INTO ${table} (word, n) VALUES ($1, $2), ($3, $4)`, ['spark', 2, 'kafka', 1]);
    // The idempotent write the streaming sinks need: ON CONFLICT ... DO UPDATE.
    await client.query(`INSERT INTO ${table} (word, n) VALUES ($1, $2) ON CONFLICT (word) DO UPDATE SET n = EXCLUDED.n`, ['spark', 5]);
    const { rows } = await client.query<{ word: string; n: string }>(`SELECT word, n FROM ${table} ORDER BY word`);
    expect(rows).toEqual([
      { word: 'kafka', n: '1' },
      { word: 'spark', n: '5' },
    ]);
  });

  it('bulk-loads with COPY FROM STDIN and reads back with COPY TO STDOUT', async () => {
    const table = `events_${randomUUID().replaceAll('-', '')}`;
    await client.query(`CREATE TABLE ${table} (id int, word text)`);
    const lines = Array.from({ length: 1000 }, (_, i) => `${i}\tword${i % 7}\n`);
    await pipeline(Readable.from(lines), client.query(copyFrom(`COPY ${table} (id, word) FROM STDIN`)));
    const { rows } = await client.query<{ count: string; words: string }>(`SELECT count(*) AS count, count(DISTINCT word) AS words FROM ${table}`);
    expect(rows[0]).toEqual({ count: '1000', words: '7' });

    const chunks: Buffer[] = [];
    const out = client.query(copyTo(`COPY (SELECT id, word FROM ${table} WHERE id < 3 ORDER BY id) TO STDOUT`));
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    await finished(out);
    expect(Buffer.concat(chunks).toString()).toBe('0\tword0\n1\tword1\n2\tword2\n');
  });

  it('refuses a wrong password with SQLSTATE 28P01', async () => {
    const bad = new pg.Client({ connectionString: url.replace('tspark:tspark@', 'tspark:wrong@') });
    await expect(bad.connect()).rejects.toMatchObject({ code: '28P01' });
  });
});
