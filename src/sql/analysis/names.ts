/**
 * Resolving a (multi-part) column name against a relation's columns, as Spark does: a
 * qualified match first (`p.name` after `df.alias("p")`), then a column with nested struct
 * fields (`person.address.city`); case-insensitive unless `spark.sql.caseSensitive`. Several
 * matches are AMBIGUOUS_REFERENCE; none is UNRESOLVED_COLUMN with Spark's suggestions (the
 * five closest names by edit distance).
 */
import { AnalysisException, quoteId, quoteName } from '../errors.js';
import { GET_MAP_VALUE, GET_STRUCT_FIELD } from '../functions/collections.js';
import { IntegerType, StringType } from '../types/data-types.js';
import type { AttributeRef, RExpr } from './resolved.js';
import { newExprId, ref } from './resolved.js';

function eq(a: string, b: string, caseSensitive: boolean): boolean {
  return caseSensitive ? a === b : a.toLowerCase() === b.toLowerCase();
}

/** Levenshtein distance (Spark's `LevenshteinDistance`). */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev = Array.from({ length: n + 1 }, (_x, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[n]!;
}

/** The quoted, qualified name of an attribute as Spark lists it in messages: `` `p`.`name` ``. */
export function attrSqlName(a: AttributeRef): string {
  return quoteName([...a.qualifier, a.name]);
}

/** Spark's suggestions for an unresolved name: candidates by edit distance to the name, at most five. */
export function suggestions(parts: readonly string[], input: readonly AttributeRef[]): string[] {
  const base = parts.join('.');
  const multi = parts.length > 1;
  const scored = input.map((a, i) => ({ text: attrSqlName(a), d: editDistance(multi ? [...a.qualifier, a.name].join('.') : a.name, multi ? base : parts[parts.length - 1]!), i }));
  scored.sort((x, y) => x.d - y.d || x.i - y.i);
  return scored.slice(0, 5).map((s) => s.text);
}

/** UNRESOLVED_COLUMN for `parts` over `input`, with suggestions when there are candidates. */
export function unresolvedColumn(parts: readonly string[], input: readonly AttributeRef[], context?: string): AnalysisException {
  const objectName = quoteName(parts);
  const opts = context === undefined ? {} : { context };
  if (input.length === 0) return new AnalysisException('UNRESOLVED_COLUMN.WITHOUT_SUGGESTION', { objectName }, opts);
  return new AnalysisException('UNRESOLVED_COLUMN.WITH_SUGGESTION', { objectName, proposal: suggestions(parts, input).join(', ') }, opts);
}

/** Extracts nested fields `path` from `base` (struct fields by name; map values by key). */
export function extractNested(base: RExpr, path: readonly string[], caseSensitive: boolean, display: readonly string[]): RExpr {
  let e = base;
  for (const part of path) {
    const t = e.dataType;
    if (t.kind === 'struct') {
      const hits = t.fields.map((f, i) => [f, i] as const).filter(([f]) => eq(f.name, part, caseSensitive));
      if (hits.length === 0) {
        throw new AnalysisException('LEGACY_ANALYSIS', {
          message: `[FIELD_NOT_FOUND] No such struct field ${quoteId(part)} in ${t.fields.map((f) => quoteId(f.name)).join(', ')}.`,
        });
      }
      if (hits.length > 1) throw new AnalysisException('AMBIGUOUS_REFERENCE', { name: quoteId(part), referenceNames: `[${hits.map(([f]) => quoteId(f.name)).join(', ')}]` });
      const ordinal = hits[0]![1];
      const r = GET_STRUCT_FIELD.resolve([e, { k: 'lit', value: ordinal, dataType: new IntegerType(), nullable: false }], {} as never);
      e = { k: 'call', fn: GET_STRUCT_FIELD, args: r.args, dataType: r.dataType, nullable: r.nullable, extra: r.extra };
    } else if (t.kind === 'map') {
      const r = GET_MAP_VALUE.resolve([e, { k: 'lit', value: part, dataType: new StringType(), nullable: false }], {} as never);
      e = { k: 'call', fn: GET_MAP_VALUE, args: r.args, dataType: r.dataType, nullable: r.nullable };
    } else {
      throw new AnalysisException('LEGACY_ANALYSIS', {
        message: `[INVALID_EXTRACT_BASE_FIELD_TYPE] Can't extract a value from "${display.join('.')}". Need a complex type [STRUCT, ARRAY, MAP] but got "${t.sql()}".`,
      });
    }
  }
  return e;
}

/**
 * Resolves `parts` against `input`: undefined when nothing matches; AMBIGUOUS_REFERENCE when
 * several columns do. A match with nested fields is aliased to the last part (`p.a` is `a`).
 */
export function resolveName(parts: readonly string[], input: readonly AttributeRef[], caseSensitive: boolean): RExpr | undefined {
  type Hit = { attr: AttributeRef; rest: readonly string[] };
  const hits: Hit[] = [];
  // Qualified: the qualifier's last k parts match the name's first k parts, then the column.
  for (let k = Math.min(parts.length - 1, 3); k >= 1 && hits.length === 0; k--) {
    for (const a of input) {
      if (a.qualifier.length < k) continue;
      const q = a.qualifier.slice(a.qualifier.length - k);
      if (q.every((x, i) => eq(x, parts[i]!, caseSensitive)) && eq(a.name, parts[k]!, caseSensitive)) hits.push({ attr: a, rest: parts.slice(k + 1) });
    }
  }
  if (hits.length === 0) for (const a of input) if (eq(a.name, parts[0]!, caseSensitive)) hits.push({ attr: a, rest: parts.slice(1) });
  if (hits.length === 0) return undefined;
  const distinct = hits.filter((h, i) => hits.findIndex((x) => x.attr.id === h.attr.id) === i);
  if (distinct.length > 1) {
    throw new AnalysisException('AMBIGUOUS_REFERENCE', {
      name: quoteName(parts),
      referenceNames: `[${distinct.map((h) => attrSqlName(h.attr)).join(', ')}]`,
    });
  }
  const hit = distinct[0]!;
  if (hit.rest.length === 0) return ref(hit.attr);
  const inner = extractNested(ref(hit.attr), hit.rest, caseSensitive, parts);
  return { k: 'alias', child: inner, name: hit.rest[hit.rest.length - 1]!, id: newExprId(), dataType: inner.dataType, nullable: inner.nullable };
}
