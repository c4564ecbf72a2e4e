/**
 * Output that arrives while the user types (pprint blocks, `console.log` from callbacks,
 * source status lines) is printed above the prompt: erase the prompt block, print complete
 * lines, redraw the prompt with the half-typed line and the cursor where they were.
 *
 * This leans on two undocumented readline members, `prevRows` and `_refreshLine()`, present in
 * Node 20 (lib/internal/readline/interface.js); the PTY tests pin their behaviour.
 */
import * as readline from 'node:readline';
import type { REPLServer } from 'node:repl';
import type { Writable } from 'node:stream';

/** The undocumented readline internals printAbove relies on. */
interface ReadlineInternals {
  prevRows: number;
  _refreshLine(): void;
  editorMode?: boolean;
  closed?: boolean;
}

/** Decides, per write, whether the prompt can be redrawn, and does it. */
export class Screen {
  private server: (REPLServer & Partial<ReadlineInternals>) | undefined;
  /** A prompt is on screen and waiting for keys (not during an evaluation). */
  promptVisible = false;
  /** Reverse-i-search draws its own UI, which a redraw would erase: hold output meanwhile. */
  private searching = false;
  private held: string[] = [];

  constructor(
    private readonly output: Writable,
    private readonly cursorControl: boolean,
  ) {}

  /** Connects the screen to the REPL once it exists. */
  attach(server: REPLServer): void {
    this.server = server as REPLServer & Partial<ReadlineInternals>;
  }

  /** Marks the start or end of a Ctrl-R search. */
  setSearching(on: boolean): void {
    this.searching = on;
    if (!on && this.held.length) {
      const text = this.held.join('');
      this.held = [];
      this.printAbove(text);
    }
  }

  /** Prints complete lines (ending in "\n") above the prompt, keeping the typed line intact. */
  printAbove(text: string): void {
    const r = this.server;
    const live = Boolean(
      r && this.cursorControl && r.terminal && !r.closed && (this.promptVisible || r.editorMode),
    );
    if (!live || !r) {
      this.output.write(text);
      return;
    }
    if (this.searching) {
      this.held.push(text);
      return;
    }
    const { rows } = r.getCursorPos();
    readline.moveCursor(this.output, 0, -rows);
    readline.cursorTo(this.output, 0);
    readline.clearScreenDown(this.output);
    this.output.write(text);
    // Without this the redraw first climbs by the stale row count and erases what we just printed.
    r.prevRows = 0;
    r._refreshLine?.();
  }
}

/**
 * A writable text sink that buffers partial writes until a newline and hands complete lines to
 * `printAbove`; `console` and pprint write through it.
 */
export class LineWriter {
  private pending = '';

  constructor(private readonly screen: Screen) {}

  /** Writes text; only complete lines are printed, the rest waits for its newline. */
  write(text: string): void {
    this.pending += text;
    const cut = this.pending.lastIndexOf('\n');
    if (cut < 0) return;
    const lines = this.pending.slice(0, cut + 1);
    this.pending = this.pending.slice(cut + 1);
    this.screen.printAbove(lines);
  }

  /** Prints whatever is pending, ending it with a newline. */
  flush(): void {
    if (this.pending) {
      const text = this.pending + '\n';
      this.pending = '';
      this.screen.printAbove(text);
    }
  }
}
