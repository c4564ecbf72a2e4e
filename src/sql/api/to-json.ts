/**
 * `df.toJSON()`: each row as one line of JSON (NULL fields omitted), an RDD of strings.
 */
import type { RDD } from '../engine.js';
import { internalToJson, stringifyJson } from '../functions/json-fns.js';
import type { DataFrame } from './dataframe.js';

/** The rows of `df` as JSON lines. */
export function toJSONLines(df: DataFrame): RDD<string> {
  const schema = df.schema;
  const tz = df.sparkSession.conf.getOption('spark.sql.session.timeZone')!;
  return df.sparkSession.execution.rdd(df.plan, 'df.toJSON').map((r) => stringifyJson(internalToJson(r, schema, tz)));
}
