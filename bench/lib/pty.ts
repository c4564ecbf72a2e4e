/**
 * A program in a real pseudo-terminal, through util-linux `script` (the shell shows its prompt
 * only on a terminal, as node's REPL does). Output is kept with ANSI escapes removed, so tests
 * for a prompt or a printed value see the text a person would see.
 */
import { spawn, type ChildProcess } from 'node:child_process';

// CSI sequences, OSC sequences and lone two-byte escapes.
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\x1b[@-Z\\-_]/g;

/** One program running in a pseudo-terminal. */
export class PtySession {
  private readonly child: ChildProcess;
  private text = '';
  private readonly waiters: { test: (text: string) => boolean; resolve: () => void }[] = [];
  readonly startedAt = performance.now();
  private exited = false;

  /** Starts `command` (a shell command line) in a pseudo-terminal. */
  constructor(command: string, env: NodeJS.ProcessEnv = process.env) {
    this.child = spawn('script', ['-qfec', command, '/dev/null'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...env, COLUMNS: '400', LINES: '50', TERM: 'xterm-256color' },
      detached: true,
    });
    const onData = (d: Buffer): void => {
      this.text += d.toString('utf8').replace(ANSI, '');
      for (let i = this.waiters.length - 1; i >= 0; i--) {
        if (this.waiters[i]!.test(this.text)) this.waiters.splice(i, 1)[0]!.resolve();
      }
    };
    this.child.stdout!.on('data', onData);
    this.child.stderr!.on('data', onData);
    this.child.once('exit', () => {
      this.exited = true;
      for (const w of this.waiters.splice(0)) w.resolve();
    });
  }

  /** Everything printed so far, without escapes. */
  get output(): string {
    return this.text;
  }

  /** Resolves when `test(output)` holds, or rejects after `timeoutMs`. */
  waitFor(test: (text: string) => boolean, timeoutMs: number): Promise<void> {
    if (test(this.text)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const i = this.waiters.findIndex((w) => w.resolve === done);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(new Error(`timed out after ${timeoutMs} ms; last output: ${JSON.stringify(this.text.slice(-300))}`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        if (this.exited && !test(this.text)) reject(new Error(`the program exited; last output: ${JSON.stringify(this.text.slice(-300))}`));
        else resolve();
      };
      this.waiters.push({ test, resolve: done });
    });
  }

  /** Types `text` (add "\r" to press Enter). */
  type(text: string): void {
    this.child.stdin!.write(text);
  }

  /** Ends the program and its terminal. */
  close(): Promise<void> {
    if (this.exited) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      try {
        process.kill(-this.child.pid!, 'SIGKILL');
      } catch {
        resolve();
      }
    });
  }
}
