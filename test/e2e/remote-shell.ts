/**
 * Helpers for the remote shell's end-to-end tests: the built shell in a real terminal, local or
 * `--remote`, and the console sink's batches read back from its screen.
 */
import { Pty } from '../support/pty.js';

/** The built shell, without the web UI. */
export const SHELL = 'node dist/bin/tspark.js --no-ui';
/** A plain, history-less terminal in UTC (the event times print as the server's UTC session shows them). */
export const SHELL_ENV = { NO_COLOR: '1', TSPARK_HISTORY: '', TZ: 'UTC' };

/** Starts the shell (remote when `url` is given) and waits for its prompt and, remotely, its connected line. */
export async function openShell(url: string | undefined, extraArgs = ''): Promise<Pty> {
  const pty = new Pty(`${SHELL}${url ? ` --remote '${url}'` : ''} ${extraArgs}`, { env: SHELL_ENV, cols: 140, rows: 60 });
  await pty.waitForText('tspark>', 1, 20_000);
  if (url) await pty.waitForText('Client connected to the Spark Connect server at', 1, 60_000);
  return pty;
}

/** One console-sink batch as printed: its number and its table's lines. */
export interface PrintedBatch {
  readonly id: number;
  readonly table: readonly string[];
}

const RULE = '-------------------------------------------';

/** Every `Batch: N` block on the screen, in order, with the table under it (three `+---` rules). */
export function printedBatches(screen: string): PrintedBatch[] {
  const lines = screen.split('\n').map((l) => l.trimEnd());
  const out: PrintedBatch[] = [];
  for (let i = 0; i + 2 < lines.length; i++) {
    const m = /^Batch: (\d+)$/.exec(lines[i + 1]!);
    if (lines[i] !== RULE || !m || lines[i + 2] !== RULE) continue;
    const table: string[] = [];
    let rules = 0;
    let j = i + 3;
    for (; j < lines.length && rules < 3; j++) {
      const l = lines[j]!;
      if (!l.startsWith('+') && !l.startsWith('|')) break;
      table.push(l);
      if (l.startsWith('+')) rules++;
    }
    // A table still being printed is not a batch yet.
    if (rules === 3) out.push({ id: Number(m[1]), table });
    i = j - 1;
  }
  return out;
}

/**
 * A table with its data rows sorted: Spark hashes groups to partitions, so the order of a
 * complete-mode table's rows is not part of what the two engines must agree on; its header,
 * widths and rows are.
 */
export function canonical(table: readonly string[]): string {
  const [top, header, mid, ...rest] = table;
  const bottom = rest.pop();
  return [top, header, mid, ...[...rest].sort(), bottom].join('\n');
}

/** The batches that have rows, canonical, in order (empty batches, which timing decides, dropped). */
export function nonEmptyTables(screen: string): string[] {
  return printedBatches(screen)
    .filter((b) => b.table.length > 4)
    .map((b) => canonical(b.table));
}
