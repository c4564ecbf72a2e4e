/**
 * Column pruning for data source scans (Spark's `ColumnPruning` + the CSV reader's
 * `columnPruning`): which columns of each scan a query can observe. A scan reached from the
 * query's root only through operators that address columns by attribute id gets the set of ids
 * referenced anywhere in the plan (and the root's output); the reader may then leave the other
 * columns null without parsing them. Operators that pass rows on by position or keep them whole
 * (union, set operations, a cache, deduplication, external or stateful operators) keep every
 * column of the scans below them.
 */
import type { PScan, RPlan } from '../analysis/resolved.js';
import { planChildren } from '../analysis/resolved.js';

/** Nodes through which rows are addressed by attribute id only. */
const BY_ID = new Set<RPlan['k']>(['project', 'filter', 'aggregate', 'join', 'sort', 'limit', 'offset', 'tail', 'alias', 'sample', 'generate', 'window', 'repartition', 'watermark']);

/** For each prunable scan under `root`, which of its columns the query needs (by position). */
export function requiredScanColumns(root: RPlan): Map<PScan, boolean[]> {
  const scans: PScan[] = [];
  const visit = (p: RPlan): void => {
    if (p.k === 'scan') {
      if (p.streaming !== true) scans.push(p);
      return;
    }
    if (!BY_ID.has(p.k) || (p.k === 'aggregate' && p.dedup === true)) return;
    for (const c of planChildren(p)) visit(c);
  };
  visit(root);
  const out = new Map<PScan, boolean[]>();
  if (scans.length === 0) return out;
  const used = new Set<number>(root.output.map((a) => a.id));
  collectRefs(root, used, new Set());
  for (const s of scans) out.set(s, s.output.map((a) => used.has(a.id)));
  return out;
}

/**
 * Adds the id of every `{ k: 'ref', attr }` reachable from `value` through arrays and plain
 * objects (plan nodes and expressions are plain data; class instances such as scans, RDDs and
 * functions are not entered).
 */
function collectRefs(value: unknown, used: Set<number>, seen: Set<object>): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  if (Array.isArray(value)) {
    for (const v of value) collectRefs(v, used, seen);
    return;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return;
  const o = value as Record<string, unknown>;
  if (o['k'] === 'ref') {
    const attr = o['attr'] as { id?: unknown } | undefined;
    if (typeof attr?.id === 'number') used.add(attr.id);
  }
  for (const key of Object.keys(o)) if (!SKIP.has(key)) collectRefs(o[key], used, seen);
}

/** Keys holding data, not expressions: a local relation's rows, a literal's value, outputs. */
const SKIP = new Set(['partitions', 'value', 'output', 'rdd', 'scan']);
