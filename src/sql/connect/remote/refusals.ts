/**
 * What a remote session refuses at the call, each with one line that says why and what to do:
 * the local engine's handles (`sc`, `ssc`, RDDs, DStreams) and TypeScript functions that Spark
 * would have to run (UDFs, `foreach`, `foreachBatch`). All are ERR_CONNECT_UNSUPPORTED.
 */
import { TsparkError } from '../../../engine/errors.js';

/** Throws the refusal of `what` on a remote session. */
export function refuseRemote(what: keyof typeof REFUSALS | string): never {
  const text = (REFUSALS as Record<string, string>)[what] ?? `${what} is not available on a remote Spark session (Spark Connect); run it on the local engine (start tspark without --remote).`;
  const e = new TsparkError('ERR_CONNECT_UNSUPPORTED', text);
  // The line says all: no stack under it (a DataFrame's column proxy would add Reflect.get).
  e.stack = `${e.name}: ${e.message}`;
  throw e;
}

const LOCAL = 'start tspark without --remote (or use a local SparkSession) for it';

/** The refusals, by the call that is refused. */
export const REFUSALS = {
  sparkContext: `spark.sparkContext is not available on a remote session: SparkContext, RDDs and DStreams run only on the local engine (as pyspark's [JVM_ATTRIBUTE_NOT_SUPPORTED]); ${LOCAL}.`,
  sc: `sc (the SparkContext) is not available in a remote shell: RDDs run only on the local engine; use spark's DataFrames, or ${LOCAL}.`,
  ssc: `ssc (DStreams) is not available in a remote shell: DStreams run only on the local engine; use Structured Streaming (spark.readStream), or ${LOCAL}.`,
  'df.rdd': 'df.rdd is not available on a remote session: RDDs live in this process and Spark Connect has none (pyspark: [NOT_IMPLEMENTED] rdd); bring the rows here with df.collect() or df.toLocalIterator().',
  'df.foreach': 'df.foreach with a TypeScript function cannot run on a remote session: Spark cannot run JavaScript; loop over df.toLocalIterator() here instead.',
  'df.foreachPartition': 'df.foreachPartition with a TypeScript function cannot run on a remote session: Spark cannot run JavaScript; loop over df.toLocalIterator() here instead.',
  'df.toJSON': 'df.toJSON() returns an RDD, which a remote session does not have; use df.select(F.to_json(F.struct("*")).alias("value")) instead.',
  'spark.udf.register': 'spark.udf.register with a TypeScript function cannot run on a remote session: Spark cannot run JavaScript; use built-in functions (F.…) or SQL expressions instead.',
  'createDataFrame(rdd)': 'createDataFrame(rdd) cannot run on a remote session: the RDD lives in this process; pass the rows (rdd.collect()) instead.',
  foreachBatch: 'writeStream.foreachBatch with a TypeScript function cannot run on a remote session: Spark cannot run JavaScript; use a sink Spark has (console, memory, files, kafka), or run the query on the local engine.',
  foreach: 'writeStream.foreach with a TypeScript function cannot run on a remote session: Spark cannot run JavaScript; use a sink Spark has (console, memory, files, kafka), or run the query on the local engine.',
} as const;
