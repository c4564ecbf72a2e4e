/**
 * History across runs, kept by the shell rather than Node 20's `setupHistory`, which rewrites
 * the file at offset 0 without truncating it and leaves stale bytes when history shrinks.
 * The file is read once at start and replaced whole (mode 0600) after each line.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { REPLServer } from 'node:repl';
import { writeFileAtomic } from '../engine/atomic-file.js';

/** Where history lives: `TSPARK_HISTORY` (empty turns it off) or `~/.tspark_history`. */
export function historyPath(env: Readonly<Record<string, string | undefined>>, home = os.homedir()): string | undefined {
  const configured = env['TSPARK_HISTORY'];
  if (configured !== undefined) {
    const trimmed = configured.trim();
    return trimmed === '' ? undefined : trimmed;
  }
  return path.join(home, '.tspark_history');
}

/** Reads a history file: newest entry first, at most `size` entries; a missing file is empty. */
export function readHistory(file: string, size: number): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, size);
}

/**
 * Writes the history whole, readable by its owner only: a private temp file and a rename
 * (atomic-file.ts), so a crash mid-write never leaves half a history, and a symlink planted in
 * the directory is never followed.
 */
export function writeHistory(file: string, entries: readonly string[]): void {
  writeFileAtomic(file, [entries.join('\n') + (entries.length ? '\n' : '')], { mode: 0o600 });
}

/**
 * Loads history into the REPL and saves it after every entry. A write failure is reported
 * once through `warn` and the shell carries on without saving.
 */
export function installHistory(server: REPLServer, file: string, size: number, warn: (message: string) => void): void {
  const internals = server as unknown as { history: string[] };
  internals.history = readHistory(file, size);
  let broken = false;
  server.on('history', (entries: string[]) => {
    if (broken) return;
    try {
      writeHistory(file, entries.slice(0, size));
    } catch (e) {
      broken = true;
      warn(`history will not be saved: cannot write ${file} (${e instanceof Error ? e.message : String(e)}); set TSPARK_HISTORY to another path, or to nothing to turn history off`);
    }
  });
}
