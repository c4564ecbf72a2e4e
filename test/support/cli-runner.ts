/**
 * Runs the sub-commands as real child processes: `node dist/bin/tspark.js nc|feed ...` when the
 * build is up to date with src/sources (as under `npm test`, which builds first), otherwise a
 * bundle of fixtures/cli.ts that wires the commands the same way.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { waitFor } from './wait.js';

let bundled: Promise<string> | undefined;
const children = new Set<ChildProcessWithoutNullStreams>();

/** Kills every child still running (for afterEach: a failed test must not leave servers behind). */
export function killChildren(): void {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  children.clear();
}

const root = fileURLToPath(new URL('../../', import.meta.url));

/** True if dist/bin/tspark.js exists and every src/sources file is compiled no older than its source. */
function distIsCurrent(): boolean {
  if (!existsSync(path.join(root, 'dist/bin/tspark.js'))) return false;
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  return walk(path.join(root, 'src/sources'))
    .filter((f) => f.endsWith('.ts'))
    .every((f) => {
      const out = path.join(root, 'dist', path.relative(root, f)).replace(/\.ts$/, '.js');
      return existsSync(out) && statSync(out).mtimeMs >= statSync(f).mtimeMs;
    });
}

/** The script to run with node: the built bin, or a fresh bundle of the fixture (made once per test file). */
export function cliBundle(): Promise<string> {
  bundled ??= (async () => {
    if (distIsCurrent()) return path.join(root, 'dist/bin/tspark.js');
    const dir = await mkdtemp(path.join(tmpdir(), 'tspark-cli-'));
    const outfile = path.join(dir, 'cli.mjs');
    await build({
      entryPoints: [fileURLToPath(new URL('./fixtures/cli.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile,
      packages: 'external',
      logLevel: 'silent',
    });
    return outfile;
  })();
  return bundled;
}

/** A running `tspark <command>` child with its output collected. */
export interface CliProcess {
  readonly child: ChildProcessWithoutNullStreams;
  out(): string;
  err(): string;
  readonly exited: Promise<number | null>;
  /** The port from the "listening on port N" / "serving ... on port N" message. */
  port(): Promise<number>;
}

/** Starts `node cli.mjs <args>` as a child process. */
export async function runCli(args: string[]): Promise<CliProcess> {
  const bundle = await cliBundle();
  const child = spawn(process.execPath, [bundle, ...args], { stdio: 'pipe' });
  children.add(child);
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const portRe = /(?:listening|serving \S+) on port (\d+)/;
  return {
    child,
    out: () => out,
    err: () => err,
    exited,
    port: async () => {
      await waitFor(() => portRe.test(err), `the port message from tspark ${args.join(' ')}`);
      return Number(portRe.exec(err)![1]);
    },
  };
}
