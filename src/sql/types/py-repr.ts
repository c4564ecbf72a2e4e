/**
 * Values printed as pyspark prints them inside `Row(...)`: Python's repr. Strings in quotes,
 * `None`, `True`/`False`, floats with a point (`3.0`, `1e+20`), `datetime.datetime(…)`,
 * `Decimal('1.50')`, lists and dicts. The field type, when known, tells a double 3 (`3.0`) from
 * a long 3 (`3`); JavaScript numbers alone cannot.
 */
import type { DataType } from './data-types.js';
import { Decimal } from './values.js';

/** Python's `repr(str)`: single quotes unless the text holds a single quote and no double one. */
export function pyStr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = q;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === q) out += '\\' + q;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + q;
}

/** Python's `repr(float)`: shortest round-trip digits, always with a point or an exponent. */
export function pyFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (Object.is(x, -0)) return '-0.0';
  const abs = Math.abs(x);
  if (abs !== 0 && (abs >= 1e16 || abs < 1e-4)) {
    // Python switches to exponent notation at 1e16 and below 1e-4: 1e+16, 1.5e-05.
    const [m, e] = x.toExponential().split('e');
    const exp = Number(e);
    return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const s = String(x);
  return s.includes('.') || s.includes('e') ? s : `${s}.0`;
}

/** `datetime.datetime(2024, 1, 2, 3, 4, 5)` of a Date's UTC fields (microseconds when present). */
function pyDatetime(d: Date, dateOnly: boolean): string {
  const y = d.getUTCFullYear();
  const mo = d.getUTCMonth() + 1;
  const da = d.getUTCDate();
  if (dateOnly) return `datetime.date(${y}, ${mo}, ${da})`;
  const parts = [y, mo, da, d.getUTCHours(), d.getUTCMinutes()];
  const s = d.getUTCSeconds();
  const us = d.getUTCMilliseconds() * 1000;
  if (s !== 0 || us !== 0) parts.push(s);
  if (us !== 0) parts.push(us);
  return `datetime.datetime(${parts.join(', ')})`;
}

/** One value as Python's repr; `type` (the field's Spark type) picks int vs float and date vs datetime. */
export function formatPyValue(v: unknown, type?: DataType): string {
  if (v === null || v === undefined) return 'None';
  switch (typeof v) {
    case 'string':
      return pyStr(v);
    case 'boolean':
      return v ? 'True' : 'False';
    case 'bigint':
      return String(v);
    case 'number':
      if (type !== undefined && (type.kind === 'double' || type.kind === 'float')) return pyFloat(v);
      return Number.isInteger(v) || type !== undefined ? String(v) : pyFloat(v);
    case 'object':
      break;
    default:
      return String(v);
  }
  if (v instanceof Decimal) return `Decimal('${v.toString()}')`;
  if (v instanceof Date) return pyDatetime(v, type?.kind === 'date');
  if (v instanceof Uint8Array) return `bytearray(b'${[...v].map((b) => (b >= 0x20 && b < 0x7f && b !== 0x27 && b !== 0x5c ? String.fromCharCode(b) : '\\x' + b.toString(16).padStart(2, '0'))).join('')}')`;
  if (Array.isArray(v)) {
    const el = type?.kind === 'array' ? type.elementType : undefined;
    return `[${v.map((x) => formatPyValue(x, el)).join(', ')}]`;
  }
  if (v instanceof Map) {
    const kt = type?.kind === 'map' ? type.keyType : undefined;
    const vt = type?.kind === 'map' ? type.valueType : undefined;
    return `{${[...v].map(([k, x]) => `${formatPyValue(k, kt)}: ${formatPyValue(x, vt)}`).join(', ')}}`;
  }
  const custom = (v as { toString?: () => string }).toString;
  if (typeof custom === 'function' && custom !== Object.prototype.toString) return custom.call(v);
  return `{${Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => `${pyStr(k)}: ${formatPyValue(x)}`)
    .join(', ')}}`;
}
