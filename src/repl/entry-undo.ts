/**
 * Undoing the entry before a stray leading-dot line. Typed by hand, a chain written in the docs'
 * style runs its first line on its own:
 *
 *     tspark> const counts = pairs          ← runs: counts is pairs, unreduced
 *     tspark>   .reduceByKey((a, b) => a + b)
 *
 * Keeping `counts` would silently give the wrong pipeline, so when the next line starts with
 * `.`, the entry before it is undone: the names it declared get their earlier values back (or
 * none), and what it added to a pipeline not started yet is removed.
 */
import type { StreamingSession } from './session.js';

interface Snapshot {
  readonly source: string;
  readonly names: ReadonlyMap<string, PropertyDescriptor | undefined>;
  readonly pipeline: unknown;
}

/** Remembers how to undo the last entry, until the next line. */
export class EntryUndo {
  private pending: Omit<Snapshot, 'source'> | undefined;
  private last: Snapshot | undefined;

  constructor(private readonly session: StreamingSession | undefined) {}

  /** Just before an entry runs: what its names were, and how far the pipelines reached. */
  before(declared: readonly string[]): void {
    const names = new Map<string, PropertyDescriptor | undefined>();
    for (const n of declared) names.set(n, Object.getOwnPropertyDescriptor(globalThis, n));
    this.pending = { names, pipeline: this.session?.pipelineMark?.() };
  }

  /** The entry ran: it is the one a following leading-dot line would undo. */
  succeeded(source: string): void {
    if (this.pending) this.last = { ...this.pending, source };
    this.pending = undefined;
  }

  /** A new line that is not a continuation, or a command: nothing to undo any more. */
  forget(): void {
    this.last = undefined;
    this.pending = undefined;
  }

  /** Undoes the last entry; returns what was undone, in words, or undefined when there was nothing. */
  undo(): string | undefined {
    const last = this.last;
    this.last = undefined;
    if (!last) return undefined;
    const unbound: string[] = [];
    for (const [name, before] of last.names) {
      try {
        if (before) Object.defineProperty(globalThis, name, before);
        else if (delete (globalThis as Record<string, unknown>)[name]) unbound.push(name);
      } catch {
        // A function declaration cannot be deleted; it stays.
      }
    }
    const removed = last.pipeline === undefined ? [] : (this.session?.undoPipeline?.(last.pipeline) ?? []);
    const what: string[] = [];
    if (unbound.length > 0) what.push(`${unbound.join(', ')} ${unbound.length === 1 ? 'is' : 'are'} unbound again`);
    const restored = [...last.names.entries()].filter(([, d]) => d !== undefined).map(([n]) => n);
    if (restored.length > 0) what.push(`${restored.join(', ')} ${restored.length === 1 ? 'has its' : 'have their'} earlier value again`);
    if (removed.length > 0) what.push(`what it added to the pipeline (${removed.join(', ')}) is removed`);
    const first = last.source.trim().split('\n')[0] ?? '';
    return `The line before (${first}) had already run on its own, so it has been undone${what.length ? `: ${what.join('; ')}` : ''}.`;
  }
}
