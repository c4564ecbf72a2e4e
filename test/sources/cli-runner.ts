/** Runs the sub-commands as real child processes (node + a bundle of fixtures/cli.ts). */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { waitFor } from './helpers.js';

let bundled: Promise<string> | undefined;

/** Bundles the runner once per test file; resolves with the path of the .mjs file. */
export function cliBundle(): Promise<string> {
  bundled ??= (async () => {
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
