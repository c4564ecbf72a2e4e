/**
 * The jdbc source's options, Spark's `JDBCOptions`/`JdbcOptionsInWrite` checked at the boundary
 * with Spark's messages (`Option 'dbtable' or 'query' is required.`), plus tspark's own
 * `upsertKeys` and `bulkLoad`. Spark passes unknown keys to the JDBC driver as connection
 * properties; tspark has no JDBC driver, so an unknown key is an error that lists the known ones.
 */
import { SparkArgumentError } from '../../sql/errors.js';
import type { SourceUse } from '../../sql/sources/contract.js';
import type { SourceOptions } from '../../sql/sources/options.js';
import { type JdbcTarget, parseJdbcUrl } from './url.js';

/** Spark's option names (as Spark spells them), and tspark's additions last. */
export const JDBC_OPTIONS = [
  'url',
  'dbtable',
  'query',
  'driver',
  'user',
  'password',
  'partitionColumn',
  'lowerBound',
  'upperBound',
  'numPartitions',
  'queryTimeout',
  'fetchsize',
  'batchsize',
  'truncate',
  'cascadeTruncate',
  'createTableOptions',
  'createTableColumnTypes',
  'customSchema',
  'isolationLevel',
  'sessionInitStatement',
  'pushDownPredicate',
  'pushDownAggregate',
  'pushDownLimit',
  'pushDownOffset',
  'pushDownTableSample',
  'preferTimestampNTZ',
  'tableComment',
  // tspark's own.
  'upsertKeys',
  'bulkLoad',
  'connectTimeout',
] as const;

/** Transaction isolation levels Spark accepts (`isolationLevel`). */
export type IsolationLevel = 'NONE' | 'READ_UNCOMMITTED' | 'READ_COMMITTED' | 'REPEATABLE_READ' | 'SERIALIZABLE';

/** How rows go into PostgreSQL: COPY (fastest), multi-row INSERT statements, or COPY when it can. */
export type BulkLoad = 'auto' | 'copy' | 'insert';

/** The checked options. */
export interface JdbcOptions {
  readonly target: JdbcTarget;
  /** `dbtable`, as given (may be a subquery in parentheses when reading). */
  readonly table: string | undefined;
  readonly query: string | undefined;
  readonly user: string | undefined;
  readonly password: string | undefined;
  readonly batchSize: number;
  readonly fetchSize: number;
  readonly queryTimeoutSec: number;
  readonly truncate: boolean;
  readonly cascadeTruncate: boolean;
  readonly createTableOptions: string;
  readonly createTableColumnTypes: string | undefined;
  readonly customSchema: string | undefined;
  readonly isolationLevel: IsolationLevel;
  readonly sessionInitStatement: string | undefined;
  readonly preferTimestampNTZ: boolean;
  readonly partitioning: { readonly column: string; readonly lower: number; readonly upper: number; readonly numPartitions: number } | undefined;
  readonly numPartitions: number | undefined;
  /** tspark: write by INSERT … ON CONFLICT (keys) DO UPDATE; the table gets a primary key on them. */
  readonly upsertKeys: readonly string[];
  readonly bulkLoad: BulkLoad;
  readonly connectTimeoutMs: number;
}

/** Spark's `requirement failed: …` argument errors. */
export function requirement(message: string): SparkArgumentError {
  return new SparkArgumentError('INVALID_ARGUMENT', { message: `requirement failed: ${message}` });
}

/** Spark's IllegalArgumentException without the `requirement failed:` prefix. */
function argument(message: string): SparkArgumentError {
  return new SparkArgumentError('INVALID_ARGUMENT', { message });
}

/** Checks the options for `use` and returns them parsed; throws Spark's message for each mistake. */
export function parseJdbcOptions(options: SourceOptions, use: SourceUse, path?: string): JdbcOptions {
  options.checkKnown('jdbc', JDBC_OPTIONS);
  const url = options.get('url') ?? (path !== undefined && path !== '' ? `jdbc:sqlite:${path}` : undefined);
  if (url === undefined) throw requirement("Option 'url' is required.");
  const target = parseJdbcUrl(url);
  const table = options.get('dbtable');
  const query = options.get('query');
  const writing = use === 'write' || use === 'writeStream';
  if (writing) {
    if (table === undefined) {
      throw requirement(query === undefined ? "Option 'dbtable' is required." : "Option 'dbtable' is required. Option 'query' is not applicable while writing.");
    }
  } else {
    if (table !== undefined && query !== undefined) throw argument("Both 'dbtable' and 'query' can not be specified at the same time.");
    if (table === undefined && query === undefined) throw argument("Option 'dbtable' or 'query' is required.");
    if (query !== undefined && query.trim() === '') throw requirement('Option `query` can not be empty.');
  }
  const numPartitions = options.has('numPartitions') ? options.getInt('numPartitions', 1) : undefined;
  if (numPartitions !== undefined && numPartitions < 1) {
    throw requirement(`Invalid value \`${numPartitions}\` for parameter \`numPartitions\` in table writing via JDBC. The minimum value is 1.`);
  }
  const batchSize = options.getInt('batchsize', 1000);
  if (batchSize < 1) throw requirement(`Invalid value \`${batchSize}\` for parameter \`batchsize\`. The minimum value is 1.`);
  const fetchSize = options.getInt('fetchsize', 0);
  if (fetchSize < 0) throw requirement(`Invalid value \`${fetchSize}\` for parameter \`fetchsize\`. The minimum value is 0. When the value is 0, the JDBC driver ignores the value and does the estimates.`);
  return {
    target,
    table,
    query,
    user: options.get('user') ?? (target.kind === 'postgres' ? target.user : undefined),
    password: options.get('password') ?? (target.kind === 'postgres' ? target.password : undefined),
    batchSize,
    fetchSize,
    queryTimeoutSec: options.getInt('queryTimeout', 0, 0),
    truncate: options.getBoolean('truncate', false),
    cascadeTruncate: options.getBoolean('cascadeTruncate', false),
    createTableOptions: options.get('createTableOptions') ?? '',
    createTableColumnTypes: options.get('createTableColumnTypes'),
    customSchema: options.get('customSchema'),
    isolationLevel: options.getEnum<IsolationLevel>('isolationLevel', ['NONE', 'READ_UNCOMMITTED', 'READ_COMMITTED', 'REPEATABLE_READ', 'SERIALIZABLE'], 'READ_UNCOMMITTED'),
    sessionInitStatement: options.get('sessionInitStatement'),
    preferTimestampNTZ: options.getBoolean('preferTimestampNTZ', false),
    partitioning: writing ? undefined : parsePartitioning(options, query),
    numPartitions,
    upsertKeys: (options.get('upsertKeys') ?? '').split(',').map((k) => k.trim()).filter((k) => k !== ''),
    bulkLoad: options.getEnum<BulkLoad>('bulkLoad', ['auto', 'copy', 'insert'], 'auto'),
    connectTimeoutMs: options.getInt('connectTimeout', 10, 1) * 1000,
  };
}

function parsePartitioning(options: SourceOptions, query: string | undefined): JdbcOptions['partitioning'] {
  const column = options.get('partitionColumn');
  const given = ['partitionColumn', 'lowerBound', 'upperBound', 'numPartitions'].filter((k) => options.has(k));
  if (column !== undefined && query !== undefined) {
    throw requirement(
      "Options 'query' and 'partitionColumn' can not be specified together. Please define the query using `dbtable` option instead " +
        'and make sure to qualify the partition columns using the supplied subquery alias to resolve any ambiguity. ' +
        'Example : spark.read.format("jdbc").option("url", jdbcUrl).option("dbtable", "(select c1, c2 from t1) as subq")' +
        '.option("partitionColumn", "c1").option("lowerBound", "1").option("upperBound", "100").option("numPartitions", "3").load()',
    );
  }
  if (column === undefined) {
    if (given.includes('lowerBound') || given.includes('upperBound')) {
      throw requirement(
        "When reading JDBC data sources, users need to specify all or none for the following options: 'partitionColumn', 'lowerBound', 'upperBound', and 'numPartitions'",
      );
    }
    return undefined;
  }
  if (given.length !== 4) {
    throw requirement(
      "When reading JDBC data sources, users need to specify all or none for the following options: 'partitionColumn', 'lowerBound', 'upperBound', and 'numPartitions'",
    );
  }
  const lower = options.getInt('lowerBound', 0);
  const upper = options.getInt('upperBound', 0);
  if (lower > upper) {
    throw requirement(`Operation not allowed: the lower bound of partitioning column is larger than the upper bound. Lower bound: ${lower}; Upper bound: ${upper}`);
  }
  return { column, lower, upper, numPartitions: options.getInt('numPartitions', 1, 1) };
}
