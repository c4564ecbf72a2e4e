/**
 * Messages that repeat every batch ("Cannot update the state that is timing out" twice a second,
 * "batches are falling behind" under load) are printed once, with the hint that fixes them, then
 * counted: one summary line at most every {@link SUMMARY_MS}, and a last one when the stream stops.
 */
import { hintForText } from './hints.js';

/** How often a summary of repeats may be printed. */
export const SUMMARY_MS = 10_000;

interface Repeat {
  count: number;
  lastSummary: number;
  readonly what: string;
}

/** Known repeating messages and what fixes them. */
const FIXES: Array<[RegExp, string]> = [
  [/Cannot (update|remove) the state that is timing out/, 'in the mapWithState function, check state.isTimingOut() before state.update() or state.remove()'],
  [/batches are falling behind/, 'each batch takes longer than the batch interval: make it cheaper, or use a longer one (tspark --batch N)'],
];

/** The stable part of a message: without the batch time, so that every batch's copy looks the same. */
function signature(text: string): { key: string; what: string; errorName?: string; errorMessage?: string } {
  const [, op, head] = /^Error in batch [^(]*\(([^)]*)\): ([^\n]*)/.exec(text) ?? [];
  if (op !== undefined && head !== undefined) {
    const m = /^(\w*Error|Interrupted): (.*)$/.exec(head);
    return { key: `${op}\n${head}`, what: head, errorName: m?.[1], errorMessage: m?.[2] };
  }
  const first = text.split('\n')[0] ?? text;
  return { key: first, what: first };
}

/** Writes engine messages through `out`, collapsing repeats. */
export class ErrorCollapser {
  private readonly repeats = new Map<string, Repeat>();

  constructor(
    private readonly out: (text: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** One message (whole lines) from the engine. */
  write(text: string): void {
    const sig = signature(text);
    const known = FIXES.some(([re]) => re.test(text));
    // Only batch errors and known repeating warnings collapse; a reconnect must always be seen.
    if (!known && sig.errorName === undefined && !text.startsWith('Error in batch ')) {
      this.out(text);
      return;
    }
    const seen = this.repeats.get(sig.key);
    if (!seen) {
      this.repeats.set(sig.key, { count: 0, lastSummary: this.now(), what: sig.what });
      const fix = FIXES.find(([re]) => re.test(text))?.[1] ?? (sig.errorName ? hintForText(sig.errorName, sig.errorMessage ?? '') : undefined);
      this.out(fix ? `${text.replace(/\n?$/, '\n')}hint: ${fix}\n` : text);
      return;
    }
    seen.count++;
    if (this.now() - seen.lastSummary >= SUMMARY_MS) this.summarise(seen);
  }

  /** Prints the counts not yet printed and forgets what was seen (a new stream starts afresh). */
  flush(): void {
    for (const r of this.repeats.values()) if (r.count > 0) this.summarise(r);
    this.repeats.clear();
  }

  private summarise(r: Repeat): void {
    this.out(`(${r.count} more time(s) since: ${r.what})\n`);
    r.count = 0;
    r.lastSummary = this.now();
  }
}
