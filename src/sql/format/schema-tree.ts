/**
 * `df.printSchema()` as Spark's `StructType.treeString`: `root`, then ` |-- name: type
 * (nullable = true)` per field, nested types indented by `|    `, arrays with `element`, maps
 * with `key` and `value`.
 */
import type { DataType, StructType } from '../types/data-types.js';

/** Scala's `typeName` (decimal keeps its precision and scale there). */
function treeTypeName(t: DataType): string {
  return t.kind === 'decimal' ? t.simpleString() : t.typeName();
}

function nested(t: DataType, prefix: string, out: string[], level: number, max: number): void {
  if (level >= max) return;
  switch (t.kind) {
    case 'array':
      out.push(`${prefix}-- element: ${treeTypeName(t.elementType)} (containsNull = ${t.containsNull})`);
      nested(t.elementType, `${prefix}    |`, out, level + 1, max);
      break;
    case 'map':
      out.push(`${prefix}-- key: ${treeTypeName(t.keyType)}`);
      nested(t.keyType, `${prefix}    |`, out, level + 1, max);
      out.push(`${prefix}-- value: ${treeTypeName(t.valueType)} (valueContainsNull = ${t.valueContainsNull})`);
      nested(t.valueType, `${prefix}    |`, out, level + 1, max);
      break;
    case 'struct':
      for (const f of t.fields) {
        out.push(`${prefix}-- ${f.name}: ${treeTypeName(f.dataType)} (nullable = ${f.nullable})`);
        nested(f.dataType, `${prefix}    |`, out, level + 1, max);
      }
      break;
    default:
      break;
  }
}

/** The schema tree (ends with a newline, so `print` shows a blank line after it as pyspark does). */
export function treeString(schema: StructType, level = Infinity): string {
  const out = ['root'];
  nested(schema, ' |', out, 0, level);
  return out.join('\n') + '\n';
}
