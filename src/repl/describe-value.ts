/**
 * `.type df` for a DataFrame: its schema, read from the value the name holds (pyspark's repr
 * `DataFrame[word: string, count: bigint]` and the `printSchema()` tree), since TypeScript's
 * type says nothing about the columns. Only a plain name or property path is evaluated
 * (`df`, `ctx.counts`), so `.type` never runs a call the user did not run.
 */
import * as vm from 'node:vm';
import { DataFrameImpl } from '../index.js';
import { treeString } from '../sql/format/schema-tree.js';

const NAME_PATH = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;

/** The schema text of the DataFrame `expression` names, or undefined when it names something else. */
export function describeDataFrame(expression: string): string | undefined {
  const e = expression.trim();
  if (!NAME_PATH.test(e)) return undefined;
  let value: unknown;
  try {
    value = vm.runInThisContext(e, { displayErrors: false });
  } catch {
    return undefined;
  }
  if (!(value instanceof DataFrameImpl)) return undefined;
  try {
    return `${String(value)}\n${treeString(value.schema)}`;
  } catch (err) {
    // A DataFrame whose plan no longer analyses (a dropped view): say so rather than fail `.type`.
    return `DataFrame (its schema cannot be read now: ${err instanceof Error ? err.message.split('\n')[0] : String(err)})`;
  }
}
