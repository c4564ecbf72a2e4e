/**
 * Helpers for the shell's end-to-end tests: a free loopback port and the real `nc -lk`
 * (netcat-openbsd), with its standard input as a pipe the test writes lines to.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as net from 'node:net';

export { freePort } from '../support/net.js';

/** The classroom's second terminal: `nc -lk PORT`, fed by the test. */
export class Netcat {
  private readonly child: ChildProcess;

  constructor(readonly port: number) {
    this.child = spawn('nc', ['-lk', '127.0.0.1', String(port)], { stdio: ['pipe', 'ignore', 'inherit'] });
  }

  /** Types lines into netcat, as a student would. */
  send(...lines: string[]): void {
    this.child.stdin!.write(lines.map((l) => `${l}\n`).join(''));
  }

  /** Waits (bounded) until netcat accepts connections. */
  async ready(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const ok = await new Promise<boolean>((resolve) => {
        // A probe connection: nc -k serves the next client after this one closes.
        const s = net.connect(this.port, '127.0.0.1', () => {
          s.end();
          resolve(true);
        });
        s.on('error', () => resolve(false));
      });
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`nc -lk ${this.port} did not start listening`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  stop(): void {
    if (this.child.exitCode === null) this.child.kill('SIGTERM');
  }
}
