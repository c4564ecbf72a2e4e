/**
 * Which rows of a stream-stream join's state can never match again, as Spark's
 * StreamingSymmetricHashJoinHelper works it out: a join key carrying a watermark (a window or
 * an event time) lets a side forget keys at or behind the watermark; otherwise a range
 * condition between the two sides' event times (`cts >= ts AND cts <= ts + interval 5
 * minutes`) bounds how old a stored row may be: with `a >= b + c` and every future `b` after the
 * watermark W, rows with `a <= W + c` (one ms less for `>=`) are done.
 */
import type { AttributeRef, PJoin, RExpr } from '../../analysis/resolved.js';
import { intervalMicros } from '../../types/interval.js';
import type { Interval } from '../../types/values.js';

/** How one side's state is evicted. */
export type StateEviction =
  /** By the key column at `index` (a window's end, or a timestamp). */
  | { readonly kind: 'key'; readonly index: number; readonly isWindow: boolean }
  /** By the row's column at `index`: evict when it is at or before watermark + offsetMs. */
  | { readonly kind: 'value'; readonly index: number; readonly offsetMs: number };

/** A linear term: an attribute (or none) plus a constant, in µs. */
interface Term {
  readonly attr: AttributeRef | undefined;
  readonly micros: number;
}

function term(e: RExpr): Term | undefined {
  switch (e.k) {
    case 'ref':
      return e.attr.dataType.kind === 'timestamp' || e.attr.dataType.kind === 'timestamp_ntz' ? { attr: e.attr, micros: 0 } : undefined;
    case 'cast':
      return e.dataType.kind === 'timestamp' ? term(e.child) : undefined;
    case 'alias':
      return term(e.child);
    case 'lit': {
      if (e.dataType.kind !== 'interval' || e.value === null) return undefined;
      return { attr: undefined, micros: intervalMicros(e.value as Interval) };
    }
    case 'call': {
      if (e.fn.name !== '+' && e.fn.name !== '-') return undefined;
      const a = term(e.args[0]!);
      const b = term(e.args[1]!);
      if (a === undefined || b === undefined) return undefined;
      if (e.fn.name === '+') {
        if (a.attr !== undefined && b.attr !== undefined) return undefined;
        return { attr: a.attr ?? b.attr, micros: a.micros + b.micros };
      }
      if (b.attr !== undefined) return undefined;
      return { attr: a.attr, micros: a.micros - b.micros };
    }
    default:
      return undefined;
  }
}

function conjuncts(e: RExpr | undefined): RExpr[] {
  if (e === undefined) return [];
  if (e.k === 'call' && e.fn.name === 'and') return [...conjuncts(e.args[0]!), ...conjuncts(e.args[1]!)];
  return [e];
}

/**
 * The lower bound of `side`'s event time in terms of the other side's: `a > b + c` (strict) or
 * `a >= b + c`, as `{ index of a in side's output, c in ms, strict }`.
 */
function lowerBound(plan: PJoin, side: 'left' | 'right'): { index: number; offsetMs: number } | undefined {
  const mine = side === 'left' ? plan.left.output : plan.right.output;
  const other = side === 'left' ? plan.right.output : plan.left.output;
  const isMine = (a: AttributeRef | undefined): boolean => a !== undefined && a.watermarkDelayMs !== undefined && mine.some((m) => m.id === a.id);
  const isOther = (a: AttributeRef | undefined): boolean => a !== undefined && a.watermarkDelayMs !== undefined && other.some((m) => m.id === a.id);
  let best: { index: number; offsetMs: number } | undefined;
  for (const c of conjuncts(plan.fullCondition)) {
    if (c.k !== 'call' || !['<', '<=', '>', '>='].includes(c.fn.name)) continue;
    let l = term(c.args[0]!);
    let r = term(c.args[1]!);
    let op = c.fn.name;
    if (l === undefined || r === undefined) continue;
    // Put my attribute on the left: `mine op other + c`.
    if (isOther(l.attr) && isMine(r.attr)) {
      [l, r] = [r, l];
      op = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' }[op]!;
    }
    if (!isMine(l.attr) || !isOther(r.attr) || (op !== '>' && op !== '>=')) continue;
    const offsetMs = (r.micros - l.micros) / 1000 - (op === '>=' ? 1 : 0);
    const index = mine.findIndex((m) => m.id === l!.attr!.id);
    if (best === undefined || offsetMs > best.offsetMs) best = { index, offsetMs };
  }
  return best;
}

/** How `side`'s state is evicted, if at all. */
export function stateEviction(plan: PJoin, side: 'left' | 'right'): StateEviction | undefined {
  const keys = side === 'left' ? plan.leftKeys : plan.rightKeys;
  const k = keys.findIndex((e) => e.k === 'ref' && e.attr.watermarkDelayMs !== undefined);
  if (k >= 0) return { kind: 'key', index: k, isWindow: keys[k]!.dataType.kind === 'struct' };
  const b = lowerBound(plan, side);
  return b === undefined ? undefined : { kind: 'value', ...b };
}
