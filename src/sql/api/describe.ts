/**
 * `describe()` and `summary()`: one row per statistic (`count`, `mean`, `stddev`, `min`,
 * percentiles like `25%`, `max`), one string column per input column, computed in one
 * aggregation; mean and stddev are NULL for non-numeric columns, as Spark's.
 */
import { Column } from '../column.js';
import { SparkArgumentError } from '../errors.js';
import { isNumeric, StringType, StructField, StructType } from '../types/data-types.js';
import * as F from './functions.js';
import type { DataFrame } from './dataframe.js';

function statColumn(stat: string, name: string, numeric: boolean): Column {
  const c = F.col(`\`${name.replace(/`/g, '``')}\``);
  switch (stat) {
    case 'count':
      return F.count(c);
    case 'mean':
      return numeric ? F.avg(c) : F.lit(null);
    case 'stddev':
      return numeric ? F.stddev(c) : F.lit(null);
    case 'min':
      return F.min(c);
    case 'max':
      return F.max(c);
    default: {
      const m = /^(\d+(?:\.\d+)?)%$/.exec(stat);
      if (!m) throw new SparkArgumentError('INVALID_ARGUMENT', { message: `${stat} is not a recognised statistic` });
      return numeric ? F.percentile_approx(c, Number(m[1]) / 100) : F.lit(null);
    }
  }
}

/** The describe/summary DataFrame of `cols` (numeric and string columns when empty). */
export function describeFrame(df: DataFrame, cols: string[], stats: string[]): DataFrame {
  const schema = df.schema;
  const fields = cols.length > 0 ? cols.map((n) => schema.fields.find((f) => f.name === n) ?? new StructField(n, new StringType())) : schema.fields.filter((f) => isNumeric(f.dataType) || f.dataType.kind === 'string');
  const aggs: Column[] = [];
  for (const s of stats) for (const f of fields) aggs.push(statColumn(s, f.name, isNumeric(f.dataType)).cast('string'));
  const values = aggs.length > 0 ? df.agg(...aggs).collect()[0]! : undefined;
  const rows = stats.map((s, i) => [s, ...fields.map((_f, j) => (values ? (values[i * fields.length + j] as string | null) : null))]);
  const out = new StructType([new StructField('summary', new StringType()), ...fields.map((f) => new StructField(f.name, new StringType()))]);
  return df.sparkSession.createDataFrame(rows, out);
}
