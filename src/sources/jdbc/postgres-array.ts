/**
 * PostgreSQL's array literal, one dimension: `{1,2,NULL}`, `{"a b","c\"d"}`. Elements are
 * PostgreSQL text values on both sides; NULL is the bare word NULL.
 */

/** Formats elements (already converted to PostgreSQL text by `element`) as an array literal. */
export function formatPgArray(values: readonly unknown[], element: (v: unknown) => unknown): string {
  const parts = values.map((v) => {
    if (v === null || v === undefined) return 'NULL';
    const text = String(element(v));
    return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  });
  return `{${parts.join(',')}}`;
}

/** Parses a one-dimensional array literal into element texts (null for NULL). */
export function parsePgArray(text: string): (string | null)[] {
  const body = text.trim();
  if (!body.startsWith('{') || !body.endsWith('}')) throw new Error(`not an array literal: ${text}`);
  const out: (string | null)[] = [];
  let i = 1;
  const end = body.length - 1;
  if (i === end) return out;
  while (i <= end) {
    let value = '';
    let quoted = false;
    if (body[i] === '"') {
      quoted = true;
      i++;
      while (i < end && body[i] !== '"') {
        if (body[i] === '\\') i++;
        value += body[i] ?? '';
        i++;
      }
      i++; // closing quote
    } else {
      while (i < end && body[i] !== ',') value += body[i++];
    }
    out.push(!quoted && value.trim().toUpperCase() === 'NULL' ? null : quoted ? value : value.trim());
    i++; // the comma, or past the closing brace
  }
  return out;
}
