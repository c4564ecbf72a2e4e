/**
 * Stack traces in the user's TypeScript coordinates. Node 20 does not apply source maps to
 * `vm.Script` code, so the shell keeps esbuild's map of every entry and maps `REPL<n>.ts:L:C`
 * frames itself in a process-wide `Error.prepareStackTrace`; errors that surface later (a map
 * function throwing during a batch, a timer) are mapped too. Frames of tspark itself (shell and
 * engine), of `node:vm`, `node:repl` and readline are dropped: the user did not write them.
 */
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

interface EntryMap {
  /** Parsed on first use: most entries never throw, and parsing costs on every line. */
  map: SourceMap | undefined;
  readonly json: string;
  /** Line start offsets of the code that ran (after the rewrite). */
  readonly runLineStarts: readonly number[];
  /** Line start offsets of esbuild's output (what the map describes). */
  readonly jsLineStarts: readonly number[];
  readonly toInputOffset: (offset: number) => number;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

const maps = new Map<string, EntryMap>();

/**
 * Remembers how to map one entry's positions: the code that ran, esbuild's output, the map
 * from that output to the TypeScript, and the rewrite's offset mapping between the two.
 */
export function registerEntryMap(file: string, mapJson: string, jsCode: string, runCode: string, toInputOffset: (offset: number) => number): void {
  maps.set(file, { map: undefined, json: mapJson, runLineStarts: lineStarts(runCode), jsLineStarts: lineStarts(jsCode), toInputOffset });
}

/** Maps a 1-based JS line/column of an entry to its 1-based TypeScript line/column, if known. */
export function mapPosition(file: string, line: number, column: number): { line: number; column: number } | undefined {
  const entry = maps.get(file);
  if (!entry) return undefined;
  const runOffset = (entry.runLineStarts[line - 1] ?? 0) + column - 1;
  const jsOffset = entry.toInputOffset(runOffset);
  // The last line that starts at or before the offset (line starts are ascending, the first is 0).
  let jsLine = 0;
  let jsLineStart = 0;
  for (const [i, start] of entry.jsLineStarts.entries()) {
    if (start > jsOffset) break;
    jsLine = i;
    jsLineStart = start;
  }
  const jsCol = jsOffset - jsLineStart;
  try {
    entry.map ??= new SourceMap(JSON.parse(entry.json) as ConstructorParameters<typeof SourceMap>[0]);
  } catch {
    // An unreadable map only costs exact positions.
    return undefined;
  }
  const found = entry.map.findEntry(jsLine, jsCol) as { originalLine?: number; originalColumn?: number };
  if (found.originalLine === undefined || found.originalColumn === undefined) return undefined;
  return { line: found.originalLine + 1, column: found.originalColumn + 1 };
}

/** tspark's own sources (src/ or dist/src/): the user did not write these frames. */
const librarySrc = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

function isInternalFrame(file: string | null | undefined): boolean {
  if (!file) return false;
  if (file.startsWith('node:')) {
    return /^node:(vm|repl|domain|readline|internal\/(repl|readline|vm|domain|process\/task_queues|timers|streams|events))/.test(file) || file === 'node:events';
  }
  const local = file.startsWith('file:') ? fileURLToPath(file) : file;
  return local.startsWith(librarySrc + path.sep);
}

function formatFrame(site: NodeJS.CallSite): string {
  const file = site.getFileName();
  if (file && maps.has(file)) {
    const line = site.getLineNumber() ?? 1;
    const col = site.getColumnNumber() ?? 1;
    const mapped = mapPosition(file, line, col) ?? { line, column: col };
    const fn = site.getFunctionName();
    const where = `${file}:${mapped.line}:${mapped.column}`;
    return fn ? `    at ${fn} (${where})` : `    at ${where}`;
  }
  return `    at ${String(site)}`;
}

/**
 * The innermost frame of `sites` in code the user wrote (an entry or a job file), as
 * `REPL3.ts:1:20` in TypeScript coordinates; undefined when none is on the stack.
 */
export function describeUserFrame(sites: readonly NodeJS.CallSite[]): string | undefined {
  for (const site of sites) {
    const file = site.getFileName();
    if (!file || !maps.has(file)) continue;
    const line = site.getLineNumber() ?? 1;
    const col = site.getColumnNumber() ?? 1;
    const mapped = mapPosition(file, line, col) ?? { line, column: col };
    return `${file}:${mapped.line}:${mapped.column}`;
  }
  return undefined;
}

function header(error: Error): string {
  let name = 'Error';
  let message = '';
  try {
    name = String(error.name ?? 'Error');
    message = String(error.message ?? '');
  } catch {
    // A hostile error object: keep the defaults.
  }
  return message ? `${name}: ${message}` : name;
}

/**
 * Installs the process-wide stack formatter (idempotent). Frames from the shell's own files
 * and Node's REPL machinery are dropped; if nothing remains, the header alone is the stack.
 */
export function installStackMapping(): void {
  const previous = Error.prepareStackTrace;
  if ((previous as { tspark?: boolean } | undefined)?.tspark) return;
  const prepare = (error: Error, sites: NodeJS.CallSite[]): string => {
    const kept = sites.filter((s) => !isInternalFrame(s.getFileName()));
    // Library frames below the user's outermost frame belong to whoever called back into user code.
    return [header(error), ...kept.map(formatFrame)].join('\n');
  };
  Object.assign(prepare, { tspark: true });
  Error.prepareStackTrace = prepare;
}
