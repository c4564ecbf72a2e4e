/**
 * Code for casts: the common numeric widenings inline (int → long/double is the same number),
 * everything else through a caster built once per query (`casts.ts`).
 */
import type { DataType } from '../types/data-types.js';
import { type CastBehaviour, makeCaster } from './casts.js';
import type { Gen } from './gen.js';

const SAME_NUMBER = new Set(['byte>short', 'byte>integer', 'short>integer', 'byte>long', 'short>long', 'integer>long', 'byte>double', 'short>double', 'integer>double', 'byte>float', 'short>float']);

/** Code casting the (non-null) value `code` from `from` to `to`. */
export function genCast(code: string, from: DataType, to: DataType, mode: CastBehaviour, g: Gen): string {
  if (SAME_NUMBER.has(`${from.kind}>${to.kind}`)) return code;
  if (from.kind === to.kind && from.kind !== 'decimal' && from.kind !== 'array' && from.kind !== 'map' && from.kind !== 'struct') return code;
  if (to.kind === 'string') {
    if (from.kind === 'integer' || from.kind === 'long' || from.kind === 'short' || from.kind === 'byte') return `String(${code})`;
    if (from.kind === 'boolean') return `(${code} ? "true" : "false")`;
    if (from.kind === 'double') return `$h.javaDouble(${code})`;
  }
  if (to.kind === 'double' && from.kind === 'long') return `$h.ltod(${code})`;
  const c = g.constant(makeCaster(from, to, mode, g.options.timeZone));
  return `${c}(${code})`;
}
