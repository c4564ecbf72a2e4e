/** Merging the schemas of several Parquet files (`mergeSchema`), as Spark's `StructType.merge`. */
import { SparkRuntimeException } from '../../errors.js';
import { ArrayType, MapType, StructField, StructType, sameType, type DataType } from '../../types/data-types.js';

/** The union of two file schemas: fields of the first, then new fields of the second; same names must have compatible types. */
export function compatibleParquetSchemas(a: StructType, b: StructType): StructType {
  return mergeType(a, b) as StructType;
}

function mergeType(a: DataType, b: DataType): DataType {
  if (a.kind === 'struct' && b.kind === 'struct') {
    const fields: StructField[] = a.fields.map((f) => {
      const g = b.fields.find((x) => x.name === f.name);
      return g === undefined ? f : new StructField(f.name, mergeType(f.dataType, g.dataType), f.nullable || g.nullable);
    });
    for (const g of b.fields) if (!a.fields.some((f) => f.name === g.name)) fields.push(g);
    return new StructType(fields);
  }
  if (a.kind === 'array' && b.kind === 'array') return new ArrayType(mergeType(a.elementType, b.elementType), a.containsNull || b.containsNull);
  if (a.kind === 'map' && b.kind === 'map') return new MapType(mergeType(a.keyType, b.keyType), mergeType(a.valueType, b.valueType), a.valueContainsNull || b.valueContainsNull);
  if (sameType(a, b)) return a;
  throw new SparkRuntimeException('INVALID_ARGUMENT', {
    message: `Failed to merge incompatible data types "${a.sql()}" and "${b.sql()}" (mergeSchema): give the files one type for the column, or read them with an explicit schema`,
  });
}
