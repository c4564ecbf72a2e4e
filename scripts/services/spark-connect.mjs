// Spark Connect: a project-local Python venv with pyspark[connect] 4.0 (created once, kept in
// .venv-connect/, gitignored), whose bundled spark-connect jar runs as
// `spark-submit --class org.apache.spark.sql.connect.service.SparkConnectServer` (the pip package
// has no sbin/start-connect-server.sh) on local[2], bound to 127.0.0.1.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { ensureBinary } from './apt.mjs';
import { run, spawnDetached } from './process.mjs';
import { sparkConnectVersion } from './probes.mjs';
import { waitReady } from './ready.mjs';
import { repoRoot, withLock } from './state.mjs';

/** The pip requirement of the venv; changing it recreates the venv. */
export const PYSPARK_SPEC = 'pyspark[connect]==4.0.*';

/** The project-local venv that holds pyspark (TSPARK_CONNECT_VENV overrides its place). */
export function venvDir() {
  return process.env.TSPARK_CONNECT_VENV || join(repoRoot, '.venv-connect');
}

/** The pyspark package directory inside the venv, which is a complete SPARK_HOME. */
function sparkHome() {
  const lib = join(venvDir(), 'lib');
  for (const py of readdirSync(lib)) {
    const home = join(lib, py, 'site-packages', 'pyspark');
    if (existsSync(join(home, 'bin', 'spark-class'))) return home;
  }
  throw new Error(`spark-connect: no pyspark in ${lib}; remove ${venvDir()} and start again`);
}

/** Creates the venv once (a marker file records a finished install) and returns its bin dir. */
export function ensureVenv() {
  // spark-connect and spark-connect-cluster (via spark-cluster) may start together: one installs.
  return withLock('spark-venv', installVenv);
}

async function installVenv() {
  const venv = venvDir();
  const marker = join(venv, 'tspark-installed');
  const bin = join(venv, 'bin');
  if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === PYSPARK_SPEC && existsSync(join(bin, 'spark-submit'))) return bin;
  const python = await ensureBinary('spark-connect', ['python3'], 'python3-venv');
  process.stderr.write(`spark-connect: creating ${venv} with ${PYSPARK_SPEC} (once; ~2-3 min on a cold pip cache)\n`);
  rmSync(venv, { recursive: true, force: true }); // a half-made venv from an interrupted install
  await run(python, ['-m', 'venv', venv]);
  await run(join(bin, 'python'), ['-m', 'pip', 'install', '-q', '--disable-pip-version-check', PYSPARK_SPEC], { timeoutMs: 30 * 60_000 });
  writeFileSync(marker, `${PYSPARK_SPEC}\n`);
  process.stderr.write('spark-connect: venv ready\n');
  return bin;
}

/** The venv's pyspark directory (a complete SPARK_HOME), installing the venv and checking Java first. */
export async function sparkInstall() {
  await ensureBinary('spark-connect', ['java'], 'default-jre-headless', () => (process.env.JAVA_HOME ? [join(process.env.JAVA_HOME, 'bin')] : []));
  const bin = await ensureVenv();
  return { bin, home: sparkHome() };
}

/** The environment Spark's scripts run in: the venv's Spark, loopback only, logs and PIDs in `dir`. */
export function sparkEnv(bin, dir) {
  const env = { ...process.env, SPARK_HOME: sparkHome(), SPARK_LOCAL_IP: '127.0.0.1', SPARK_LOG_DIR: dir, SPARK_PID_DIR: dir };
  // spark-submit reads SPARK_REMOTE as --remote and then refuses --master: a shell that exported
  // another server's address (CI does, for the tests) must not break the start of this one.
  delete env.SPARK_REMOTE;
  delete env.SPARK_CONNECT_MODE_ENABLED;
  // The scripts run `python3` from PATH: the venv's, whatever else the machine has.
  env.PATH = `${bin}${delimiter}${env.PATH ?? ''}`;
  return env;
}

/**
 * Starts a Spark Connect server (`spark-submit --class …SparkConnectServer`) on `master`
 * (`local[2]`, or a standalone cluster's `spark://host:port`) bound to 127.0.0.1:`port`, and
 * resolves once a gRPC AnalyzePlan answers (with `probeToken` when the server requires one).
 * `conf` adds settings (executor sizes on a cluster, a token).
 */
export async function startConnectServer({ name, dir, log, port, track, master, conf: extraConf = {}, probeToken }) {
  const { bin } = await sparkInstall();
  const tmp = join(dir, 'tmp');
  mkdirSync(tmp, { recursive: true });
  const conf = {
    'spark.connect.grpc.binding.address': '127.0.0.1',
    'spark.connect.grpc.binding.port': String(port),
    'spark.connect.grpc.port.maxRetries': '0',
    'spark.ui.enabled': 'false',
    'spark.sql.shuffle.partitions': '4',
    'spark.driver.host': '127.0.0.1',
    'spark.driver.bindAddress': '127.0.0.1',
    'spark.local.dir': tmp,
    'spark.sql.warehouse.dir': join(dir, 'warehouse'),
    'spark.driver.extraJavaOptions': `-Djava.io.tmpdir=${tmp}`,
    ...extraConf,
  };
  const args = ['--master', master, '--name', `tspark-${name}`, '--driver-memory', '1g'];
  for (const [k, v] of Object.entries(conf)) args.push('--conf', `${k}=${v}`);
  args.push('--class', 'org.apache.spark.sql.connect.service.SparkConnectServer');
  const child = spawnDetached(join(bin, 'spark-submit'), args, { log, cwd: dir, env: sparkEnv(bin, dir) });
  track(child.pid);
  const version = await waitReady(name, () => sparkConnectVersion(port, 5000, probeToken), { pid: child.pid, log, timeoutMs: 240_000, intervalMs: 500 });
  process.stderr.write(`${name}: Spark ${version} answers\n`);
  return { pid: child.pid, address: `sc://127.0.0.1:${port}`, extra: { sparkVersion: version, python: join(bin, 'python'), master } };
}

/** The Spark Connect service (local[2]). */
export default {
  name: 'spark-connect',
  envVar: 'SPARK_REMOTE',
  stopSignal: 'SIGTERM',
  stopGraceMs: 30_000,

  /** Creates the venv if needed, starts the server and resolves once a gRPC AnalyzePlan answers. */
  start({ dir, log, port, track }) {
    return startConnectServer({ name: 'spark-connect', dir, log, port, track, master: 'local[2]' });
  },

  /** Resolves when a gRPC AnalyzePlan(spark_version) answers. */
  probe(state) {
    return sparkConnectVersion(state.port, 5000);
  },
};
