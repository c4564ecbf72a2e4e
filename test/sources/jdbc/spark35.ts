// What PySpark 3.5 did with PostgreSQL and SQLite (fixtures/spark35-jdbc-probe.py), typed.
import { readFileSync } from 'node:fs';

/** An error PySpark raised: its Python type, Spark error class and first line (or the JVM's root cause). */
export interface ProbeError {
  readonly type: string;
  readonly errorClass: string | null;
  readonly message: string;
}

/** One database's results. */
export interface Probe {
  readonly createTable: string;
  readonly readBackSchema: string;
  readonly readTypes: string;
  readonly createTableColumnTypes: string;
  readonly overwriteTruncateKeepsTypes: string;
  readonly overwriteDropRecreates: string;
  readonly errorIfExists: ProbeError;
  readonly appendExtraColumn: ProbeError;
  readonly appendWrongType: ProbeError | null;
  readonly badColumnTypes: ProbeError;
  readonly bothTableAndQuery: ProbeError;
  readonly neitherTableNorQuery: ProbeError;
  readonly queryWrite: ProbeError;
  readonly noUrl: ProbeError;
  readonly partitionedRead: ProbeError;
  readonly badPartitionColumn: ProbeError;
  readonly missingTableRead: ProbeError;
  readonly wrongPassword?: ProbeError;
  readonly serverDown?: ProbeError;
  readonly valueDoesNotFit?: ProbeError;
  readonly storedRow?: readonly string[];
}

/** The recorded results. */
export const spark35 = JSON.parse(readFileSync(new URL('./fixtures/spark35-jdbc.json', import.meta.url), 'utf8')) as { spark: string; postgres: Probe; sqlite: Probe };
