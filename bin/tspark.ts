#!/usr/bin/env node
/**
 * The `tspark` process: argv and environment to options, the shell or a sub-command, signals
 * and exit codes. Everything else lives in src/repl (the shell as a library).
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TsparkError } from '../src/engine/errors.js';
import { parseCommandLine, remoteEndpoint, remoteOf, USAGE, useColor, type CliCommand, type CliOptions } from '../src/repl/cli.js';
import { historyPath } from '../src/repl/history.js';
import type { StreamingContext } from '../src/index.js';
import type { SparkSession } from '../src/sql/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The package root: two levels up from dist/bin, one from bin/. */
const root = path.basename(path.dirname(here)) === 'dist' ? path.resolve(here, '..', '..') : path.resolve(here, '..');

function version(): string {
  const pkg = createRequire(import.meta.url)(path.join(root, 'package.json')) as { version: string };
  return pkg.version;
}

function banner(o: CliOptions, v: string, remote: string | undefined): string {
  if (remote !== undefined) {
    // pyspark's remote shell binds no sc; the connected line follows once the session is open.
    return (
      `tspark ${v} — stream processing in TypeScript, in the spirit of pyspark\n` +
      `Remote mode: spark runs on the Spark Connect server at ${remoteEndpoint(remote)}; sc, ssc and RDDs are local-engine only.\n` +
      `SparkSession available as 'spark'; F (functions), Window, Row and the types are bound too.\n` +
      `try: spark.range(5).show() — docs/REMOTE.md says what runs remotely.\n` +
      `.help lists the commands, .demo the classroom demos.\n`
    );
  }
  return (
    `tspark ${v} — stream processing in TypeScript, in the spirit of pyspark\n` +
    `Spark context available as 'sc' (master = ${o.master})\n` +
    `Streaming context available as 'ssc' (batch interval ${o.batchSeconds} s)\n` +
    `SparkSession available as 'spark'; F (functions), Window, Row and the types are bound too.\n` +
    `try: ssc.socketTextStream("localhost", 9999) — and in another terminal: npx tspark nc -lk 9999\n` +
    `.help lists the commands, .demo the classroom demos.\n`
  );
}

/** `tspark nc` / `tspark feed`: loaded only when used, so the shell starts without them. */
async function subCommand(kind: 'nc' | 'feed', argv: readonly string[]): Promise<number> {
  const fn = kind === 'nc' ? (await import('../src/tools/nc-command.js')).ncCommand : (await import('../src/tools/feed-command.js')).feedCommand;
  // Ctrl-C / SIGTERM ask the command to stop cleanly (it closes its sockets and resolves).
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  process.once('SIGTERM', () => abort.abort());
  return await fn([...argv], { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, signal: abort.signal });
}

/** The web UI as the shell uses it: attach each new ssc, close on exit. */
interface UiHook {
  attach(ssc: StreamingContext): void;
  /** Shows the shell's `spark` (its streaming queries and SQL actions). */
  attachSession(spark: SparkSession): void;
  close(): Promise<void>;
}

/**
 * The web UI hook: the single place the UI is started (after the prompt, so it never delays it),
 * announced, attached to every new ssc and closed. A UI that cannot start is reported in one line;
 * the shell works without it.
 */
async function startUi(o: CliOptions, announce: (line: string) => void): Promise<UiHook | undefined> {
  if (!o.ui) return undefined;
  try {
    const [{ startUiServer }, { uiBannerLines }] = await Promise.all([import('../src/ui/server.js'), import('../src/ui/banner.js')]);
    const server = await startUiServer({ port: o.uiPort, host: o.uiHost });
    for (const line of uiBannerLines(server)) announce(line);
    return { attach: (ssc) => server.attach(ssc), attachSession: (spark) => server.attachSession(spark), close: () => server.close() };
  } catch (e) {
    announce(`The web UI did not start (${e instanceof Error ? e.message : String(e)}); the shell works without it. --no-ui skips it.`);
    return undefined;
  }
}

async function runShell(o: CliOptions, remote: string | undefined): Promise<number> {
  // The engine loads behind the prompt (see lazy-session.ts).
  const [{ startShell }, { createLazySession }, { startRunawayGuard }] = await Promise.all([
    import('../src/repl/server.js'),
    import('../src/repl/lazy-session.js'),
    import('../src/repl/runaway-guard.js'),
  ]);
  const terminal = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  const colors = useColor(Boolean(process.stdout.isTTY), process.env, o.color);
  let ui: UiHook | undefined;
  let latestSsc: StreamingContext | undefined;
  let latestSpark: SparkSession | undefined;
  const shell = startShell({
    input: process.stdin,
    output: process.stdout,
    terminal,
    colors,
    cursorControl: process.env['TERM'] !== 'dumb',
    historyFile: historyPath(process.env),
    historySize: Number(process.env['TSPARK_HISTORY_SIZE'] ?? 1000) || 1000,
    banner: terminal ? banner(o, version(), remote) : undefined,
    demosDir: path.join(root, 'examples'),
    cwd: process.cwd(),
    // The terminal is file descriptor 0; its watchdog reads it while the main thread is blocked.
    runawayGuard: (hooks) => startRunawayGuard(process.stdin, 0, hooks),
    createSession: (out) =>
      createLazySession({
        master: o.master,
        batchSeconds: o.batchSeconds,
        remote,
        out,
        colors,
        onContext: (ssc) => {
          latestSsc = ssc;
          ui?.attach(ssc);
        },
        onSession: (spark) => {
          latestSpark = spark;
          ui?.attachSession(spark);
        },
      }),
  });
  // Errors that escape user code later (timers, rejections) are reported; the shell lives on.
  process.on('uncaughtException', (e) => shell.reportUncaught(e));
  process.on('unhandledRejection', (e) => shell.reportUncaught(e));
  let exitCode: number | undefined;
  process.on('SIGTERM', () => {
    exitCode ??= 0;
    shell.close();
  });
  if (!terminal) {
    // Without raw mode the terminal delivers Ctrl-C as a signal: stop the stream and leave.
    process.on('SIGINT', () => {
      exitCode ??= 130;
      shell.close();
    });
  }
  // Piped runs keep stdout for results only: no UI there.
  const uiStarting = terminal
    ? startUi(o, (line) => shell.printAbove(`${line}\n`)).then((started) => {
        ui = started;
        // Only the current ssc matters; earlier ones have stopped.
        if (latestSsc) ui?.attach(latestSsc);
        if (latestSpark) ui?.attachSession(latestSpark);
      })
    : Promise.resolve();
  const code = await shell.closed;
  await uiStarting;
  await ui?.close();
  return exitCode ?? code;
}

async function runFile(file: string, o: CliOptions): Promise<number> {
  // The job runs in a worker, so this thread can always act on Ctrl-C and SIGTERM (job-supervisor.ts).
  const { superviseJob } = await import('../src/repl/job-supervisor.js');
  const job = superviseJob(file, { master: o.master, batchSeconds: o.batchSeconds }, (t) => process.stderr.write(t));
  process.on('SIGINT', () => job.signal('SIGINT'));
  process.on('SIGTERM', () => job.signal('SIGTERM'));
  return job.exited;
}

async function main(argv: readonly string[]): Promise<number> {
  let cmd: CliCommand;
  try {
    cmd = parseCommandLine(argv);
  } catch (e) {
    if (e instanceof TsparkError) {
      process.stderr.write(`tspark: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  switch (cmd.kind) {
    case 'help':
      process.stdout.write(USAGE);
      return 0;
    case 'version':
      process.stdout.write(`tspark ${version()}\n`);
      return 0;
    case 'nc':
    case 'feed':
      return subCommand(cmd.kind, cmd.argv);
    case 'run':
      return runFile(cmd.file, cmd.options);
    case 'shell': {
      let remote: string | undefined;
      try {
        remote = remoteOf(cmd.options, process.env);
      } catch (e) {
        if (!(e instanceof TsparkError)) throw e;
        process.stderr.write(`tspark: ${e.message}\n`);
        return 2;
      }
      return runShell(cmd.options, remote);
    }
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`tspark: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
