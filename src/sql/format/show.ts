/**
 * `df.show(n, truncate, vertical)` exactly as Spark's `Dataset.showString` writes it: cells as
 * Spark's ToPrettyString (NULL, Java doubles, `[1, 2]`, `{a -> 1}`, `{1, z}`, binary as hex),
 * control characters escaped, cut to `truncate` characters with `...`, right-aligned when
 * truncating (left-aligned with `truncate=0`), East-Asian wide characters counted twice,
 * `only showing top N rows`, and the vertical `-RECORD i` layout.
 */
import type { StructType } from '../types/data-types.js';
import { valueToString } from '../types/to-string.js';

const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE10-\uFE19\uFE30-\uFE6F\uFF00-\uFF60\uFFE0-\uFFE6]/g;

/** Spark's `stringHalfWidth`: UTF-16 length plus one per full-width character. */
export function displayWidth(s: string): number {
  const m = s.match(WIDE);
  return s.length + (m ? m.length : 0);
}

const META: ReadonlyArray<[RegExp, string]> = [
  [/\n/g, '\\n'],
  [/\r/g, '\\r'],
  [/\t/g, '\\t'],
  [/\f/g, '\\f'],
  [/\x08/g, '\\b'],
  [/\u000b/g, '\\v'],
  [/\u0007/g, '\\a'],
];

/** Spark's `escapeMetaCharacters`. */
export function escapeMeta(s: string): string {
  let out = s;
  for (const [re, rep] of META) out = out.replace(re, rep);
  return out;
}

/** One cell's text (before truncation). */
export function cellText(v: unknown, t: StructType['fields'][number]['dataType'], timeZone: string): string {
  if (v === null || v === undefined) return 'NULL';
  return escapeMeta(valueToString(v, t, { timeZone, nullText: 'NULL', binaryAsHex: true }));
}

function cut(s: string, truncate: number): string {
  if (truncate <= 0 || s.length <= truncate) return s;
  return truncate < 4 ? s.slice(0, truncate) : s.slice(0, truncate - 3) + '...';
}

function padLeft(s: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(s))) + s;
}

function padRight(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

/** The text `show` prints (without Python's final newline) for rows already fetched (`n + 1` at most). */
export function showString(schema: StructType, rows: readonly unknown[][], n: number, truncate: number, vertical: boolean, timeZone: string): string {
  const hasMore = rows.length > n;
  const data = rows.slice(0, n);
  const header = schema.fields.map((f) => escapeMeta(f.name));
  const cells = data.map((r) => schema.fields.map((f, i) => cut(cellText(r[i], f.dataType, timeZone), truncate)));
  let out = '';
  if (!vertical) {
    const widths = header.map((h, i) => Math.max(3, displayWidth(h), ...cells.map((r) => displayWidth(r[i]!))));
    const sep = '+' + widths.map((w) => '-'.repeat(w)).join('+') + '+\n';
    const line = (r: string[]): string => '|' + r.map((c, i) => (truncate > 0 ? padLeft(c, widths[i]!) : padRight(c, widths[i]!))).join('|') + '|\n';
    out += sep + line(header) + sep;
    for (const r of cells) out += line(r);
    out += sep;
  } else {
    const nameWidth = Math.max(3, ...header.map(displayWidth));
    const dataWidth = Math.max(3, ...cells.flat().map(displayWidth));
    cells.forEach((r, i) => {
      const head = `-RECORD ${i}`;
      out += head + '-'.repeat(Math.max(0, nameWidth + dataWidth + 5 - head.length)) + '\n';
      out += r.map((c, j) => ` ${padRight(header[j]!, nameWidth)} | ${padRight(c, dataWidth)} `).join('\n') + '\n';
    });
    if (data.length === 0) out += '(0 rows)\n';
  }
  if (hasMore && !(vertical && data.length === 0)) out += `only showing top ${n} ${n === 1 ? 'row' : 'rows'}\n`;
  return out;
}
