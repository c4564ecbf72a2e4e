// PostgreSQL: initdb + pg_ctl in the service directory, a password user and a database.
// initdb refuses to run as root, so as root the server runs as the `postgres` system user.
import { appendFileSync, chownSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBinary } from './apt.mjs';
import { run, which } from './process.mjs';
import { postgresStartup } from './probes.mjs';
import { PortTakenError, portTakenIn, waitReady } from './ready.mjs';

const USER = 'tspark';
const PASSWORD = 'tspark';
const DATABASE = 'tspark';

/** Version-specific bin directories, newest first, then the usual PATH places. */
function binDirs() {
  let versions = [];
  try {
    versions = readdirSync('/usr/lib/postgresql').filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  } catch {
    // no Debian PostgreSQL
  }
  return [...versions.map((v) => `/usr/lib/postgresql/${v}/bin`), '/usr/local/bin', '/usr/local/pgsql/bin'];
}

/** The uid/gid of `postgres` when we are root (initdb refuses root), else undefined. */
async function serverUser() {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const ids = await run('id', ['-u', 'postgres']).then(
    async (u) => ({ uid: Number(u.stdout), gid: Number((await run('id', ['-g', 'postgres'])).stdout) }),
    () => undefined,
  );
  if (!ids) throw new Error('postgres: running as root, and there is no `postgres` user to run the server as (install the postgresql package, or run as a normal user)');
  return ids;
}

/** Runs a PostgreSQL tool as the server user. */
function asServer(user, bin, args, opts) {
  return user ? run('runuser', ['-u', 'postgres', '--', bin, ...args], opts) : run(bin, args, opts);
}

/** The PostgreSQL service. */
export default {
  name: 'postgres',
  envVar: 'POSTGRES_URL',
  // SIGINT is PostgreSQL's "fast" shutdown; SIGTERM ("smart") would wait for clients to leave.
  stopSignal: 'SIGINT',

  /** initdb (unless restarting), pg_ctl start, create the database; resolves with the postmaster's PID. */
  async start(ctx) {
    const made = [];
    try {
      return await startCluster(ctx, made);
    } catch (err) {
      // A first start that failed leaves no temp data dir behind (a restart keeps its data).
      if (!ctx.previous) for (const d of made) rmSync(d, { recursive: true, force: true });
      throw err;
    }
  },

  /** Resolves when the postmaster accepts a session (asks for a password). */
  probe(state) {
    return postgresStartup(state.port, USER, DATABASE, 2000);
  },
};

/** The steps of a start; temp dirs it makes are pushed on `made` so a failure can remove them. */
async function startCluster({ dir, log, port, track, previous }, made) {
  const initdb = await ensureBinary('postgres', ['initdb'], 'postgresql', binDirs);
  const bin = join(initdb, '..');
  const pgCtl = which('pg_ctl', [bin]) ?? join(bin, 'pg_ctl');
  const psql = which('psql', [bin]) ?? 'psql';
  const user = await serverUser();
  const own = (path) => user && chownSync(path, user.uid, user.gid);

  let data = previous?.data ?? join(dir, 'data');
  let serverLog = previous?.log ?? log;
  const externalDirs = previous?.externalDirs ?? [];
  if (!previous) {
    own(dir);
    mkdirSync(data, { mode: 0o700 });
    own(data);
    if (user && !(await asServer(user, 'test', ['-w', data]).then(() => true, () => false))) {
      // The checkout is not reachable by the postgres user (e.g. under /root): use a temp dir.
      const tmp = mkdtempSync(join(tmpdir(), 'tspark-postgres-'));
      own(tmp);
      data = join(tmp, 'data');
      mkdirSync(data, { mode: 0o700 });
      own(data);
      externalDirs.push(tmp);
      made.push(tmp);
      serverLog = join(tmp, 'postgres.log');
      process.stderr.write(`postgres: ${dir} is not writable by the postgres user; data and log in ${tmp}\n`);
    }
    const pwfile = join(data, '..', 'pwfile');
    writeFileSync(pwfile, `${PASSWORD}\n`, { mode: 0o600 });
    own(pwfile);
    await asServer(user, initdb, ['-D', data, '-U', USER, `--pwfile=${pwfile}`, '-A', 'scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync']);
    // Test server: no unix socket (its default directory may not exist), no durability waits.
    appendFileSync(
      join(data, 'postgresql.conf'),
      [
        '',
        '# tspark scripts/services.mjs',
        `port = ${port}`,
        "listen_addresses = '127.0.0.1'",
        "unix_socket_directories = ''",
        'fsync = off',
        'synchronous_commit = off',
        'full_page_writes = off',
        'max_connections = 200',
        '',
      ].join('\n'),
    );
  }
  writeFileSync(serverLog, '', { flag: 'a' });
  own(serverLog);
  const postmaster = () => {
    try {
      return Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]) || undefined;
    } catch {
      return undefined;
    }
  };
  try {
    await asServer(user, pgCtl, ['-D', data, '-l', serverLog, '-w', '-t', '60', 'start'], { timeoutMs: 90_000 });
  } catch (err) {
    const pid = postmaster();
    if (pid) track(pid); // so the caller stops a postmaster that started but never became ready
    if (portTakenIn(serverLog)) throw new PortTakenError(`postgres: port ${port} is taken`);
    throw new Error(`${err.message}\n(server log: ${serverLog})`);
  }
  const pid = postmaster();
  if (!pid) throw new Error(`postgres: pg_ctl started but ${data}/postmaster.pid is missing; see ${serverLog}`);
  track(pid);
  await waitReady('postgres', () => postgresStartup(port, USER, 'postgres', 1000), { pid, log: serverLog, timeoutMs: 30_000, intervalMs: 50 });
  const env = { ...process.env, PGPASSWORD: PASSWORD, PGCONNECT_TIMEOUT: '10' };
  const sql = (db, q) => run(psql, ['-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(port), '-U', USER, '-d', db, '-c', q], { env });
  const exists = (await sql('postgres', `SELECT 1 FROM pg_database WHERE datname = '${DATABASE}'`)).stdout.trim() === '1';
  if (!exists) await sql('postgres', `CREATE DATABASE ${DATABASE}`);
  // A real query in the new database is the readiness check the tests care about.
  await sql(DATABASE, 'SELECT 1');
  return {
    pid,
    address: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`,
    extra: { data, externalDirs, log: serverLog },
  };
}

