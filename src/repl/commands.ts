/**
 * The shell's dot-commands, in one table so `.help` lists them all beside Node's own
 * (`.break .clear .editor .exit .help .load .save`).
 */
import type { REPLServer } from 'node:repl';
import { diagnose, formatDiagnosis } from './doctor.js';
import { listDemos, findDemo, type Demo } from './demos.js';
import type { StreamingSession } from './session.js';
import { formatStatus } from './status.js';
import type { Style } from './style.js';
import type { TypeInfo } from './type-info.js';

/** What a command can reach. */
export interface CommandContext {
  readonly server: REPLServer;
  /** Prints complete lines to the user (above the prompt when one is shown). */
  print(text: string): void;
  readonly session: StreamingSession | undefined;
  readonly typeInfo: TypeInfo;
  /** Where the classroom demos live. */
  readonly demosDir: string;
  /** Runs a TypeScript file through the REPL, like `.load`. */
  load(file: string): void;
  /** The shell's colours. */
  readonly style?: Style;
  /** Marks the shell's own synchronous work, which Ctrl-C must not interrupt. */
  working?(on: boolean): void;
}

/** One dot-command. */
export interface ShellCommand {
  readonly name: string;
  readonly help: string;
  /** Runs the command; the shell shows the prompt again when it settles. */
  action(ctx: CommandContext, arg: string): void | Promise<void>;
}

function needSession(ctx: CommandContext): StreamingSession | undefined {
  if (!ctx.session) ctx.print('This shell has no streaming context.\n');
  return ctx.session;
}

/** The shell's own commands. */
export const SHELL_COMMANDS: readonly ShellCommand[] = [
  {
    name: 'type',
    help: 'Show the TypeScript type of an expression (a DataFrame\'s schema too)',
    async action(ctx, arg) {
      if (!arg.trim()) {
        ctx.print('Usage: .type <expression>   e.g. .type ssc.socketTextStream("localhost", 9999)\n');
        return;
      }
      const type = await ctx.typeInfo.typeOf(arg);
      // A DataFrame's columns are not in its TypeScript type: show its schema, then the type.
      // Loaded here, not at start-up: it pulls in the SQL layer the prompt does not wait for.
      const { describeDataFrame } = await import('./describe-value.js');
      const schema = describeDataFrame(arg);
      ctx.print(schema === undefined ? `${type}\n` : `${schema}\nTypeScript: ${type}\n`);
    },
  },
  {
    name: 'status',
    help: 'Show the stream and the queries: state, sources, last batch',
    action(ctx) {
      const s = needSession(ctx);
      if (s) ctx.print(formatStatus(s.facts()));
    },
  },
  {
    name: 'doctor',
    help: 'Explain why nothing is printing (streams and queries)',
    action(ctx) {
      const s = needSession(ctx);
      if (s) ctx.print(formatDiagnosis(diagnose(s.facts()), ctx.style?.warn));
    },
  },
  {
    name: 'pause',
    help: 'Pause the batch clock of the stream and queries (teaching)',
    action(ctx) {
      const s = needSession(ctx);
      if (s) ctx.print(`${s.pause()}\n`);
    },
  },
  {
    name: 'step',
    help: 'While paused, run one batch (one micro-batch per query)',
    async action(ctx) {
      const s = needSession(ctx);
      if (s) ctx.print(`${await s.step()}\n`);
    },
  },
  {
    name: 'resume',
    help: 'Let the batch clock run again',
    action(ctx) {
      const s = needSession(ctx);
      if (s) ctx.print(`${s.resume()}\n`);
    },
  },
  {
    name: 'stop',
    help: 'Stop the queries, or else the stream, gracefully',
    action(ctx) {
      const s = needSession(ctx);
      if (s) ctx.print(`${s.stopStream()}\n`);
    },
  },
  {
    name: 'demo',
    help: 'List the classroom demos; .demo NAME loads one',
    action(ctx, arg) {
      const name = arg.trim();
      const demos = listDemos(ctx.demosDir);
      if (!name) {
        ctx.print(formatDemoList(demos));
        return;
      }
      const demo = findDemo(demos, name);
      if (!demo) {
        ctx.print(`No demo named "${name}". ${formatDemoList(demos)}`);
        return;
      }
      ctx.print(`Loading demo ${demo.name} (${demo.file})\n`);
      ctx.load(demo.file);
    },
  },
];

function formatDemoList(demos: readonly Demo[]): string {
  if (demos.length === 0) return 'No demos found.\n';
  const width = Math.max(...demos.map((d) => d.name.length));
  return `Demos (load one with .demo NAME):\n${demos.map((d) => `  ${d.name.padEnd(width)}  ${d.title}`).join('\n')}\n`;
}

/** Registers the table on the REPL; each action ends by showing the prompt again. */
export function installCommands(ctx: CommandContext, commands: readonly ShellCommand[] = SHELL_COMMANDS): void {
  for (const c of commands) {
    ctx.server.defineCommand(c.name, {
      help: c.help,
      action(arg: string) {
        let pending: void | Promise<void> = undefined;
        ctx.working?.(true);
        try {
          pending = c.action(ctx, arg);
        } catch (e) {
          ctx.print(`.${c.name} failed: ${e instanceof Error ? e.message : String(e)}\n`);
        } finally {
          ctx.working?.(false);
        }
        if (pending instanceof Promise) {
          pending.then(
            () => ctx.server.displayPrompt(),
            (e: unknown) => {
              ctx.print(`.${c.name} failed: ${e instanceof Error ? e.message : String(e)}\n`);
              ctx.server.displayPrompt();
            },
          );
        } else ctx.server.displayPrompt();
      },
    });
  }
}

/** The hint shown for a line that starts with '.' but names no command (and continues no unfinished entry). */
export function unknownCommandHint(keyword: string): string {
  const paren = keyword.indexOf('(');
  const shown = paren >= 0 ? `${keyword.slice(0, paren)}(…)` : keyword;
  return (
    `.${shown} is not a shell command (see .help): a line that starts with '.' is a command unless it continues an unfinished entry.\n` +
    `To write a chain over several lines, end each line with '.' (lines.flatMap(f).), or wrap it in ( … ), or use .editor, or paste it whole (a pasted block is one entry).\n`
  );
}

/** What the shell does around lines that start with '.'. */
export interface DotLineHooks {
  /** True while a multi-line entry is unfinished: its leading-dot lines continue it. */
  continuing(): boolean;
  /** A stray leading-dot line: undo the entry before it, and say what was undone (or nothing). */
  stray?(): string | undefined;
  /** A real command ran. */
  command?(): void;
}

/**
 * Lets a leading-dot line continue an unfinished entry (`const w = (lines` then
 * `  .flatMap(…)`), and makes a stray one print {@link unknownCommandHint} instead of Node's
 * bare "Invalid REPL keyword".
 */
export function installUnknownCommandHint(server: REPLServer, print: (text: string) => void, hooks?: DotLineHooks): void {
  const internals = server as unknown as { commands: Record<string, unknown> };
  internals.commands = new Proxy(internals.commands, {
    get(target, key, receiver) {
      const found: unknown = Reflect.get(target, key, receiver);
      if (typeof key !== 'string') return found;
      if (found !== undefined) {
        hooks?.command?.();
        return found;
      }
      // Undefined makes node:repl evaluate the line as the next line of the entry.
      if (hooks?.continuing()) return undefined;
      return {
        help: '',
        action() {
          const undone = hooks?.stray?.();
          print((undone ? `${undone}\n` : '') + unknownCommandHint(key));
          server.displayPrompt();
        },
      };
    },
  });
}
