/**
 * Test helper: a program in a real pseudo-terminal (util-linux `script`), its output rendered
 * by `@xterm/headless`, so tests read the screen a user would see: rows, and the cursor.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import xterm from '@xterm/headless';

const { Terminal } = xterm;

/** Options of a PTY session. */
export interface PtyOptions {
  readonly cols?: number;
  readonly rows?: number;
  readonly env?: Record<string, string | undefined>;
  readonly cwd?: string;
}

/** A running program in a terminal. */
export class Pty {
  private readonly term: InstanceType<typeof Terminal>;
  private readonly child: ChildProcess;
  /** Everything the program wrote, escapes included. */
  raw = '';
  readonly exited: Promise<number | null>;

  constructor(command: string, options: PtyOptions = {}) {
    const cols = options.cols ?? 80;
    const rows = options.rows ?? 24;
    this.term = new Terminal({ cols, rows, allowProposedApi: true, scrollback: 1000 });
    this.child = spawn('script', ['-qfec', `stty cols ${cols} rows ${rows}; exec ${command}`, os.devNull], {
      // SPARK_REMOTE would make the shell remote (CI exports it for the remote suites); a test asks for it.
      env: { ...process.env, TERM: 'xterm-256color', SPARK_REMOTE: undefined, ...options.env },
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (c: Buffer) => {
      const text = c.toString('utf8');
      this.raw += text;
      this.term.write(text);
    });
    this.child.stderr!.on('data', (c: Buffer) => {
      this.raw += c.toString('utf8');
    });
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  /** Sends keys; send Tab and control keys in writes of their own (readline completes only on a lone Tab). */
  write(data: string): void {
    this.child.stdin!.write(data);
  }

  /** Types a line and presses Enter. */
  line(text: string): void {
    this.write(`${text}\r`);
  }

  /** The visible rows (trailing spaces trimmed). */
  screen(): string[] {
    const buf = this.term.buffer.active;
    const out: string[] = [];
    for (let i = 0; i < this.term.rows; i++) out.push(buf.getLine(buf.viewportY + i)?.translateToString(true) ?? '');
    return out;
  }

  /** Scrollback and screen, as text. */
  all(): string {
    const buf = this.term.buffer.active;
    const out: string[] = [];
    for (let i = 0; i < buf.length; i++) out.push(buf.getLine(i)?.translateToString(true) ?? '');
    return out.join('\n');
  }

  /** Scrollback and screen as the program wrote it: rows the terminal wrapped are joined again. */
  unwrapped(): string {
    const buf = this.term.buffer.active;
    let out = '';
    for (let i = 0; i < buf.length; i++) {
      const line = buf.getLine(i);
      if (!line) continue;
      out += `${i > 0 && !line.isWrapped ? '\n' : ''}${line.translateToString(!buf.getLine(i + 1)?.isWrapped)}`;
    }
    return out;
  }

  /** The last non-empty row on screen. */
  lastRow(): string {
    const rows = this.screen()
      .map((r) => r.trimEnd())
      .filter((r) => r !== '');
    return rows[rows.length - 1] ?? '';
  }

  /** Cursor position on screen (0-based). */
  cursor(): { x: number; y: number } {
    const buf = this.term.buffer.active;
    return { x: buf.cursorX, y: buf.cursorY };
  }

  /** Polls (bounded) until `pred` holds on the rendered text; throws with the screen if it never does. */
  async waitFor(pred: (all: string) => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      // Let xterm finish parsing what arrived before reading the buffer.
      await new Promise<void>((r) => this.term.write('', r));
      if (pred(this.all())) return;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; screen:\n${this.all()}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** Waits until the rendered text contains `text` `count` times. */
  waitForText(text: string, count = 1, timeoutMs?: number): Promise<void> {
    return this.waitFor((all) => all.split(text).length - 1 >= count, `${count} × ${JSON.stringify(text)}`, timeoutMs);
  }

  /**
   * Kills the program if it is still running, and what `script` started under it: a program
   * whose main thread is blocked ignores the hangup that would otherwise end it.
   */
  kill(): void {
    if (this.child.exitCode !== null || this.child.pid === undefined) return;
    for (const pid of descendants(this.child.pid)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    this.child.kill('SIGKILL');
  }
}

/** Process ids started under `pid`, children first (Linux /proc). */
function descendants(pid: number): number[] {
  const out: number[] = [];
  const visit = (p: number): void => {
    let children: string[] = [];
    try {
      const tasks = fs.readdirSync(`/proc/${p}/task`);
      for (const t of tasks) children.push(...fs.readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').split(' ').filter(Boolean));
    } catch {
      children = [];
    }
    for (const c of children) {
      out.push(Number(c));
      visit(Number(c));
    }
  };
  visit(pid);
  return out;
}

/** A short pause between keystrokes that must arrive as separate reads (Tab, Ctrl keys). */
export function keyGap(ms = 80): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
