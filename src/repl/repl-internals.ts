/**
 * The few undocumented members of Node 20's REPLServer and readline interface the shell relies
 * on, in one place (lib/repl.js, lib/internal/readline/interface.js); the PTY tests pin them.
 */
import type * as readline from 'node:readline';
import type * as repl from 'node:repl';

/** Members of the server the shell reads or wraps. */
export interface ServerInternals {
  _ttyWrite(data: string | undefined, key: readline.Key | undefined): void;
  _setRawMode?(mode: boolean): boolean;
  _refreshLine?(): void;
  prevRows?: number;
  line: string;
  cursor: number;
  editorMode?: boolean;
  closed?: boolean;
  _domain?: NodeJS.EventEmitter;
}

/** The server with its internals visible. */
export function internalsOf(server: repl.REPLServer): ServerInternals {
  return server as unknown as ServerInternals;
}

function bufferedSymbol(server: repl.REPLServer): symbol | undefined {
  return Object.getOwnPropertySymbols(server).find((s) => s.description === 'bufferedCommand');
}

/** The lines of an unfinished multi-line entry, joined (empty when there is none). */
export function bufferedCommand(server: repl.REPLServer): string {
  const sym = bufferedSymbol(server);
  const value: unknown = sym ? (server as unknown as Record<symbol, unknown>)[sym] : '';
  return typeof value === 'string' ? value : '';
}

/** Replaces the unfinished entry (what a pasted block puts ahead of its last line). */
export function setBufferedCommand(server: repl.REPLServer, text: string): boolean {
  const sym = bufferedSymbol(server);
  if (!sym) return false;
  (server as unknown as Record<symbol, unknown>)[sym] = text;
  return true;
}
