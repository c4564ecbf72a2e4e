// A real Spark Connect server (scripts/services.mjs start spark-connect): its port speaks HTTP/2,
// and pyspark 4's own Connect client (from the project's .venv-connect) runs SQL against it.
// Speaking the gRPC protocol from TypeScript is the connect client's job and its tests'.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:http2';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { service } from '../support/services.js';

const venv = process.env.TSPARK_CONNECT_VENV ?? fileURLToPath(new URL('../../.venv-connect', import.meta.url));
const python = join(venv, 'bin', 'python');
let remote: string;

beforeAll(async () => {
  remote = await service('spark-connect');
}, 900_000);

/** Runs a Python snippet with the venv's interpreter and resolves with its stdout. */
function py(code: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(python, ['-c', code], { env: { ...process.env, ...env }, timeout: 180_000 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout),
    );
  });
}

describe('Spark Connect (real server)', () => {
  it('prints a loopback sc:// address', () => {
    expect(remote).toMatch(/^sc:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers HTTP/2 on its port (the transport of gRPC)', async () => {
    const port = Number(/:(\d+)$/.exec(remote)?.[1]);
    const session = connect(`http://127.0.0.1:${port}`);
    try {
      const settings = await new Promise<Record<string, unknown>>((resolve, reject) => {
        session.once('remoteSettings', (s) => resolve({ ...s }));
        session.once('error', reject);
      });
      expect(settings).toHaveProperty('maxConcurrentStreams');
    } finally {
      session.destroy();
    }
  });

  it("runs spark.sql('select 1').collect() from pyspark 4's Connect client", async () => {
    expect(existsSync(python), `${python} is missing: run node scripts/services.mjs start spark-connect`).toBe(true);
    const out = await py(
      [
        'import json, os',
        'from pyspark.sql import SparkSession',
        "spark = SparkSession.builder.remote(os.environ['SPARK_REMOTE']).getOrCreate()",
        "one = spark.sql('select 1 as x').collect()",
        "agg = spark.range(10).selectExpr('sum(id) as s', 'count(*) as n').collect()[0]",
        "print(json.dumps({'version': spark.version, 'one': [r.asDict() for r in one], 's': agg['s'], 'n': agg['n']}))",
      ].join('\n'),
      { SPARK_REMOTE: remote },
    );
    const result: unknown = JSON.parse(out.trim().split('\n').at(-1) ?? '');
    expect(result).toEqual({ version: expect.stringMatching(/^4\.0\./), one: [{ x: 1 }], s: 45, n: 10 });
  }, 180_000);
});
