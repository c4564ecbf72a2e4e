/**
 * The shell as a library: a `node:repl` server with injected input and output, the TypeScript
 * evaluator, output above the prompt, history, completion, dot-commands and the streaming
 * session's bindings. `bin/tspark.ts` owns the process (argv, signals, exit codes); this file
 * never touches `process.*` streams or exits.
 */
import { Console } from 'node:console';
import * as readline from 'node:readline';
import * as repl from 'node:repl';
import { PassThrough, Writable, type Readable } from 'node:stream';
import * as util from 'node:util';
import { installCommands, installUnknownCommandHint, SHELL_COMMANDS } from './commands.js';
import { installCompletion } from './completion.js';
import { createEvaluator, type Evaluator } from './evaluate.js';
import { installHistory } from './history.js';
import { installGlobals, RUNTIME_GLOBALS } from './globals.js';
import { createWriter } from './writer.js';
import { readGlobalPath, shellBindingMessage } from './hints.js';
import { createStyle } from './style.js';
import { LineWriter, Screen } from './render.js';
import type { StreamingSession } from './session.js';
import { installStackMapping } from './stack.js';
import { warmUp } from './transform.js';
import { IMPORT_HELPER, INTEROP_HELPER, preloadParser, REQUIRE_HELPER } from './rewrite.js';
import { createTypeInfo, type TypeInfo } from './type-info.js';
import { bufferedCommand, type ServerInternals } from './repl-internals.js';
import { EntryUndo } from './entry-undo.js';
import { createPasteHandler, PASTE_OFF, PASTE_ON } from './paste.js';
import type { InterruptSite } from './interrupt.js';
import type { RunawayGuard, RunawayHooks } from './runaway-guard.js';

/** How to start a shell. */
export interface ShellOptions {
  readonly input: Readable;
  readonly output: Writable;
  /** Interactive line editing (a terminal on both ends). Piped input runs line by line without prompts. */
  readonly terminal: boolean;
  /** Colour in results and the shell's own messages. */
  readonly colors: boolean;
  /** False for `TERM=dumb`: no cursor movement, output is written plainly. */
  readonly cursorControl?: boolean;
  /** Builds the streaming session, given the line writer that prints above the prompt. */
  readonly createSession?: (out: (text: string) => void) => StreamingSession;
  /** History file; undefined turns history off. Only used in terminal mode. */
  readonly historyFile?: string;
  readonly historySize?: number;
  /** Lines printed before the first prompt. */
  readonly banner?: string;
  /** Directory of the classroom demos for `.demo`. */
  readonly demosDir?: string;
  readonly prompt?: string;
  /** Directory relative imports resolve from (the user's working directory). */
  readonly cwd?: string;
  /**
   * Starts the watchdog that lets Ctrl-C stop code that never returns while the prompt is up
   * (runaway-guard.ts); bin/tspark.ts provides it for a terminal. Terminal mode only.
   */
  readonly runawayGuard?: (hooks: RunawayHooks) => RunawayGuard | undefined;
}

/** A running shell. */
export interface Shell {
  readonly server: repl.REPLServer;
  /** Prints complete lines above the prompt (or plainly when no prompt is shown). */
  printAbove(text: string): void;
  /** Reports an error that escaped user code (a timer, an unhandled rejection) without dying. */
  reportUncaught(error: unknown): void;
  /** Resolves with the exit code once the shell has closed and the session is stopped. */
  readonly closed: Promise<number>;
  /** Closes the shell (as `.exit` does). */
  close(): void;
  readonly evaluator: Evaluator;
  readonly session: StreamingSession | undefined;
}

/** Starts a shell on the given streams; see {@link ShellOptions}. */
export function startShell(options: ShellOptions): Shell {
  installStackMapping();
  const cursorControl = options.cursorControl ?? true;
  const style = createStyle(options.colors && options.terminal);
  const screen = new Screen(options.output, options.terminal && cursorControl);
  const lines = new LineWriter(screen);
  const print = (text: string): void => screen.printAbove(text);

  // Also what the rewritten imports call: `require` (the REPL's) and the shell's two helpers.
  const protectedNames = new Set([...RUNTIME_GLOBALS, 'require', IMPORT_HELPER, INTEROP_HELPER, REQUIRE_HELPER]);
  const session = options.createSession?.((text) => lines.write(text));
  for (const name of session?.bindings.keys() ?? []) protectedNames.add(name);

  const typeInfo: TypeInfo = createTypeInfo();
  let server: repl.REPLServer | undefined;
  let guard: RunawayGuard | undefined;
  const bound = new Set(session?.bindings.keys() ?? []);
  const declaredNames = new Set<string>();
  const undo = new EntryUndo(session);
  const evaluator = createEvaluator({
    beforeRun: (declared) => undo.before(declared),
    protectedNames,
    alreadyBound: bound,
    protectedMessage: (name) => (bound.has(name) ? shellBindingMessage(name) : undefined),
    hintContext: { knownNames: () => [...bound, ...declaredNames], valueOf: readGlobalPath },
    onWarning: (text) => print(style.warn(text.trimEnd()) + '\n'),
    enterInterruptible: options.terminal
      ? () => {
          // Raw mode off lets the terminal turn Ctrl-C into SIGINT, which breakOnSigint catches;
          // the watchdog must not read the terminal meanwhile.
          const s = server as unknown as ServerInternals | undefined;
          guard?.setArmed(false);
          const prev = s?._setRawMode?.(false);
          return () => {
            if (prev !== undefined) s?._setRawMode?.(prev);
            guard?.setArmed(true);
          };
        }
      : undefined,
    onEntry: (source, declared) => {
      undo.succeeded(source);
      typeInfo.record(source, declared);
      for (const d of declared) declaredNames.add(d);
    },
    ready: session?.ready,
  });

  // Piped input: feed the REPL one line at a time, the next only once the previous finished
  // (readline would otherwise emit every line of a chunk at once, before an await settles).
  const feeder = options.terminal ? undefined : new PassThrough();
  const pipedLines: string[] = [];
  let inputEnded = false;
  let waitingForLine = false;

  if (options.banner) options.output.write(options.banner);
  // The evaluator's own synchronous work (esbuild, the rewrite) must not be interrupted as runaway code.
  let evaluating = false;
  const evalEntry: repl.REPLEval = function (this: repl.REPLServer, ...args) {
    evaluating = true;
    try {
      evaluator.eval.apply(this, args);
    } finally {
      evaluating = false;
    }
  };
  // Ask the terminal for bracketed paste before the first prompt, so a paste that comes at once is
  // already marked (the handler is installed below, before any input is read).
  if (options.terminal && cursorControl) options.output.write(PASTE_ON);
  server = repl.start({
    prompt: options.terminal ? (options.prompt ?? 'tspark> ') : '',
    input: feeder ?? options.input,
    output: options.output,
    terminal: options.terminal,
    eval: evalEntry,
    useGlobal: true,
    ignoreUndefined: true,
    preview: false,
    useColors: options.colors,
    writer: createWriter(options.colors, style),
    // historySize is a readline option the REPL passes through; @types/node does not list it.
    ...({ historySize: options.historySize ?? 1000 } as object),
  });
  const s = server;
  const internals = s as unknown as ServerInternals;
  screen.attach(s);

  // Helpers the rewrite refers to, and the session's bindings, on the shell's global object.
  installGlobals(session?.bindings, options.cwd ?? '.', { tsparkModule: session?.tsparkModule, replaceable: session?.replaceable });

  // console from user code (a map function, a timer) prints above the prompt like pprint does.
  const previousConsole = globalThis.console;
  const consoleStream = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      lines.write(chunk.toString());
      done();
    },
  });
  globalThis.console = new Console({ stdout: consoleStream, stderr: consoleStream, colorMode: options.colors });

  // Track whether a prompt is on screen: output then goes above it, else plainly.
  const displayPrompt = s.displayPrompt.bind(s);
  let replayQueue: Array<[string | undefined, readline.Key | undefined]> = [];
  s.displayPrompt = (preserveCursor?: boolean) => {
    if (options.terminal) {
      displayPrompt(preserveCursor);
      screen.promptVisible = true;
      if (replayQueue.length && !evaluator.busy) {
        const queued = replayQueue;
        replayQueue = [];
        for (const [d, k] of queued) internals._ttyWrite(d, k);
      }
    } else {
      // No prompts on stdout when piped (lib/repl.js would print '... ' even with prompt '').
      waitingForLine = true;
      setImmediate(feedNext);
    }
  };
  s.prependListener('line', (line: string) => {
    screen.promptVisible = false;
    // Only a leading-dot line right after an entry may undo it (entry-undo.ts).
    if (!line.trimStart().startsWith('.') || bufferedCommand(s) !== '') undo.forget();
  });

  // Keys: queue while an await runs (Ctrl-C stops the wait), Ctrl-C on an empty line stops a
  // running stream, Ctrl-R search holds output.
  if (options.terminal) {
    const ttyWrite = internals._ttyWrite.bind(s);
    const paste = cursorControl ? createPasteHandler(s, ttyWrite, options.output) : undefined;
    internals._ttyWrite = (data, key) => {
      const ctrlC = Boolean(key?.ctrl && key.name === 'c');
      if (evaluator.busy) {
        if (ctrlC) evaluator.cancelWait();
        else replayQueue.push([data, key]);
        return;
      }
      if (paste?.handle(data, key)) return;
      if (ctrlC && s.line.length === 0 && bufferedCommand(s) === '' && !internals.editorMode && session?.isStreaming()) {
        print(`${session.stopStream()}\n`);
        return;
      }
      if (key?.ctrl && (key.name === 'r' || key.name === 's')) screen.setSearching(true);
      else if (key && ['return', 'enter', 'escape', 'left', 'right', 'up', 'down', 'home', 'end', 'tab'].includes(key.name ?? '')) {
        screen.setSearching(false);
      } else if (key?.ctrl && (key.name === 'c' || key.name === 'g')) screen.setSearching(false);
      ttyWrite(data, key);
    };
  }

  // Async errors reported by the REPL's domain are written right after the prompt; erase it first.
  internals._domain?.prependListener('error', () => {
    if (screen.promptVisible && options.terminal && cursorControl) {
      const { rows } = s.getCursorPos();
      readline.moveCursor(options.output, 0, -rows);
      readline.cursorTo(options.output, 0);
      readline.clearScreenDown(options.output);
    }
    screen.promptVisible = false;
  });

  // Ctrl-C for code that never returns while the prompt is up (a loop at batch time, in a timer).
  let shellWork = false;
  let closedShell = false;
  const onInterrupted = (site: InterruptSite): void => {
    if (evaluator.busy) evaluator.cancelWait();
    const fallback = `Interrupted (${site.reason}): the code${site.where ? ` at ${site.where}` : ''} never returned; it was stopped.`;
    print(`${style.error(session?.interrupted?.(site) ?? fallback)}\n`);
    if (!screen.promptVisible && !evaluator.busy && !closedShell) s.displayPrompt();
  };
  if (options.terminal) guard = options.runawayGuard?.({ allowed: () => !shellWork && !evaluating && !closedShell, onInterrupted });

  installCompletion(s);
  const load = (file: string): void => {
    const loadCommand = s.commands['load'];
    loadCommand?.action.call(s, file);
  };
  installCommands(
    {
      server: s,
      print,
      session,
      typeInfo,
      demosDir: options.demosDir ?? 'examples',
      load,
      style,
      working: (on) => {
        shellWork = on;
      },
    },
    SHELL_COMMANDS,
  );
  installUnknownCommandHint(s, print, {
    continuing: () => bufferedCommand(s) !== '',
    stray: () => undo.undo(),
    command: () => undo.forget(),
  });
  if (options.terminal && options.historyFile) {
    installHistory(s, options.historyFile, options.historySize ?? 1000, (m) => print(`${style.warn(`warning: ${m}`)}\n`));
  }

  let resolveClosed: (code: number) => void = () => undefined;
  const closed = new Promise<number>((resolve) => {
    resolveClosed = resolve;
  });
  s.on('exit', () => {
    closedShell = true;
    if (options.terminal && cursorControl) options.output.write(PASTE_OFF);
    screen.promptVisible = false;
    lines.flush();
    void Promise.all([session?.close(), guard?.close()])
      .catch((e: unknown) => {
        options.output.write(`error while stopping: ${e instanceof Error ? e.message : String(e)}\n`);
      })
      .finally(() => {
        globalThis.console = previousConsole;
        resolveClosed(!options.terminal && evaluator.failures > 0 ? 1 : 0);
      });
  });

  function feedNext(): void {
    if (!feeder || !waitingForLine) return;
    const next = pipedLines.shift();
    if (next !== undefined) {
      waitingForLine = false;
      feeder.write(next + '\n');
    } else if (inputEnded) {
      waitingForLine = false;
      feeder.end();
    }
  }
  if (feeder) {
    const rl = readline.createInterface({ input: options.input, crlfDelay: Infinity, terminal: false });
    rl.on('line', (l) => {
      pipedLines.push(l);
      feedNext();
    });
    rl.on('close', () => {
      inputEnded = true;
      feedNext();
    });
  }

  // repl.start already drew the first prompt; piped input starts feeding here.
  if (options.terminal) screen.promptVisible = true;
  else {
    waitingForLine = true;
    feedNext();
  }
  warmUp(preloadParser);
  // Once chalk is in, the prompt is drawn in colour from the next redraw on.
  void style.ready.then(() => {
    if (options.terminal) s.setPrompt(style.prompt(options.prompt ?? 'tspark> '));
  });

  return {
    server: s,
    printAbove: print,
    reportUncaught(error) {
      const text = error instanceof Error ? (error.stack ?? String(error)) : util.inspect(error);
      print(`${style.error(`Uncaught ${text.split('\n')[0] ?? ''}`)}${text.includes('\n') ? text.slice(text.indexOf('\n')) : ''}\n`);
    },
    closed,
    close: () => s.close(),
    evaluator,
    session,
  };
}
