/**
 * Spark's error classes in tspark's one error catalog. A SQL error is a {@link SparkError}: a
 * `TsparkError` whose `code` says the family (analysis, parse, execution, argument) and whose
 * `errorClass` is Spark's own stable name (`UNRESOLVED_COLUMN.WITH_SUGGESTION`), with Spark's
 * `messageParameters` and SQLSTATE. The text is built from the template in {@link ERROR_CLASSES},
 * as Spark builds it from `error-classes.json`: `[CLASS.SUB] message`. Tests assert `code` and
 * `errorClass`; the wording can keep improving.
 */
import { TsparkError, type ErrorCode } from './engine.js';
import { SOURCE_ERROR_CLASSES } from './sources/error-classes.js';
import { STREAMING_ERROR_CLASSES } from './streaming/error-classes.js';
import { CONNECTOR_ERROR_CLASSES } from './sources/connector-error-classes.js';

/** One catalog entry: SQLSTATE and the message template (`<name>` placeholders). */
export interface ErrorClassInfo {
  readonly sqlState?: string;
  readonly template: string;
  /** Spark's `_LEGACY_ERROR_TEMP_*` classes print without the `[CLASS]` prefix. */
  readonly legacy?: boolean;
}

/**
 * The Spark error classes tspark raises, with Spark 3.5's templates. Add an entry here before
 * raising a new class (the parser and the data sources add theirs the same way).
 */
export const ERROR_CLASSES = {
  'UNRESOLVED_COLUMN.WITH_SUGGESTION': {
    sqlState: '42703',
    template: 'A column or function parameter with name <objectName> cannot be resolved. Did you mean one of the following? [<proposal>].',
  },
  'UNRESOLVED_COLUMN.WITHOUT_SUGGESTION': {
    sqlState: '42703',
    template: 'A column or function parameter with name <objectName> cannot be resolved.',
  },
  'UNRESOLVED_FIELD.WITH_SUGGESTION': {
    sqlState: '42703',
    template: 'A field with name <fieldName> cannot be resolved with the struct-type column <columnPath>. Did you mean one of the following? [<proposal>].',
  },
  UNRESOLVED_ROUTINE: {
    sqlState: '42883',
    template: 'Cannot resolve function <routineName> on search path <searchPath>.',
  },
  AMBIGUOUS_REFERENCE: {
    sqlState: '42704',
    template: 'Reference <name> is ambiguous, could be: <referenceNames>.',
  },
  TABLE_OR_VIEW_NOT_FOUND: {
    sqlState: '42P01',
    template:
      'The table or view <relationName> cannot be found. Verify the spelling and correctness of the schema and catalog.\n' +
      'If you did not qualify the name with a schema, verify the current_schema() output, or qualify the name with the correct schema and catalog.\n' +
      'To tolerate the error on drop use DROP VIEW IF EXISTS or DROP TABLE IF EXISTS.',
  },
  TEMP_TABLE_OR_VIEW_ALREADY_EXISTS: {
    sqlState: '42P07',
    template:
      'Cannot create the temporary view <relationName> because it already exists.\n' +
      'Choose a different name, drop or replace the existing view,  or add the IF NOT EXISTS clause to tolerate pre-existing views.',
  },
  MISSING_AGGREGATION: {
    sqlState: '42803',
    template:
      'The non-aggregating expression <expression> is based on columns which are not participating in the GROUP BY clause.\n' +
      'Add the columns or the expression to the GROUP BY, aggregate the expression, or use <expressionAnyValue> if you do not care which of the values within a group is returned.',
  },
  MISSING_GROUP_BY: {
    sqlState: '42803',
    template: 'The query does not include a GROUP BY clause. Add GROUP BY or turn it into the window functions using OVER clauses.',
  },
  'DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES': {
    sqlState: '42K09',
    template:
      'Cannot resolve <sqlExpr> due to data type mismatch: the left and right operands of the binary operator have incompatible types (<left> and <right>).',
  },
  'DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE': {
    sqlState: '42K09',
    template: 'Cannot resolve <sqlExpr> due to data type mismatch: the binary operator requires the input type <inputType>, not <actualDataType>.',
  },
  'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE': {
    sqlState: '42K09',
    template:
      'Cannot resolve <sqlExpr> due to data type mismatch: Parameter <paramIndex> requires the <requiredType> type, however <inputSql> has the type <inputType>.',
  },
  'DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION': {
    sqlState: '42K09',
    template: 'Cannot resolve <sqlExpr> due to data type mismatch: cannot cast <srcType> to <targetType>.',
  },
  'DATATYPE_MISMATCH.DATA_DIFF_TYPES': {
    sqlState: '42K09',
    template: 'Cannot resolve <sqlExpr> due to data type mismatch: Input to <functionName> should all be the same type, but it\'s <dataType>.',
  },
  'DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN': {
    sqlState: '42K09',
    template: 'Cannot resolve <sqlExpr> due to data type mismatch: Filter expression <filter> of type <type> is not a boolean.',
  },
  INVALID_EXTRACT_FIELD: {
    sqlState: '42601',
    template: 'Cannot extract <field> from <expr>.',
  },
  'DATATYPE_MISMATCH.NON_FOLDABLE_INPUT': {
    sqlState: '42K09',
    template: 'Cannot resolve <sqlExpr> due to data type mismatch: the input <inputName> should be a foldable <inputType> expression; however, got <inputExpr>.',
  },
  WRONG_NUM_ARGS: {
    sqlState: '42605',
    template: 'The <functionName> requires <expectedNum> parameters but the actual number is <actualNum>.',
  },
  'WRONG_NUM_ARGS.WITHOUT_SUGGESTION': {
    sqlState: '42605',
    template: 'The <functionName> requires <expectedNum> parameters but the actual number is <actualNum>. Please, refer to \'<docroot>/sql-ref-functions.html\' for a fix.',
  },
  NUM_COLUMNS_MISMATCH: {
    sqlState: '42826',
    template:
      '<operator> can only be performed on inputs with the same number of columns, but the first input has <firstNumColumns> columns and the <invalidOrdinalNum> input has <invalidNumColumns> columns.',
  },
  INCOMPATIBLE_COLUMN_TYPE: {
    sqlState: '42825',
    template:
      '<operator> can only be performed on tables with compatible column types. The <columnOrdinalNumber> column of the <tableOrdinalNumber> table is <dataType1> type which is not compatible with <dataType2> at the same column of the first table.<hint>.',
  },
  UNSUPPORTED_GROUPING_EXPRESSION: {
    sqlState: '42K0E',
    template: 'grouping()/grouping_id() can only be used with GroupingSets/Cube/Rollup.',
  },
  GROUPING_COLUMN_MISMATCH: {
    sqlState: '42803',
    template: "Column of grouping (<grouping>) can't be found in grouping columns <groupingColumns>.",
  },
  GROUP_BY_POS_OUT_OF_RANGE: {
    sqlState: '42805',
    template: 'GROUP BY position <index> is not in select list (valid range is [1, <size>]).',
  },
  ORDER_BY_POS_OUT_OF_RANGE: {
    sqlState: '42805',
    template: 'ORDER BY position <index> is not in select list (valid range is [1, <size>]).',
  },
  NESTED_AGGREGATE_FUNCTION: {
    sqlState: '42607',
    template: 'It is not allowed to use an aggregate function in the argument of another aggregate function. Please use the inner aggregate function in a sub-query.',
  },
  UNSUPPORTED_GENERATOR: {
    sqlState: '0A000',
    template: 'The generator is not supported: <reason>',
  },
  'UNSUPPORTED_GENERATOR.MULTI_GENERATOR': {
    sqlState: '0A000',
    template: 'The generator is not supported: only one generator allowed per <clause> clause but found <num>: <generators>.',
  },
  WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE: {
    sqlState: '42601',
    template: 'Window function <funcName> requires an OVER clause.',
  },
  SQL_CONF_NOT_FOUND: {
    sqlState: '42K0I',
    template: 'The SQL config <sqlConf> cannot be found. Please verify that the config exists.',
  },
  PATH_NOT_FOUND: { sqlState: '42K03', template: 'Path does not exist: <path>.' },
  PATH_ALREADY_EXISTS: {
    sqlState: '42K04',
    template: 'Path <outputPath> already exists. Set mode as "overwrite" to overwrite the existing path.',
  },
  DATA_SOURCE_NOT_FOUND: {
    sqlState: '42K02',
    template: 'Failed to find the data source: <provider>. Please find packages at `https://spark.apache.org/third-party-projects.html`.',
  },
  UNSUPPORTED_DATA_SOURCE_USE: { template: 'Data source <provider> does not support <operation>.', legacy: true },
  UNABLE_TO_INFER_SCHEMA: {
    sqlState: '42KD9',
    template: 'Unable to infer schema for <format>. It must be specified manually.',
  },
  PARSE_SYNTAX_ERROR: { sqlState: '42601', template: 'Syntax error at or near <error><hint>.' },
  PARSE_EMPTY_STATEMENT: { sqlState: '42617', template: 'Syntax error, unexpected empty statement.' },
  // The SQL parser's classes (src/sql/parser/), with Spark 3.5's templates.
  UNCLOSED_BRACKETED_COMMENT: { sqlState: '42601', template: 'Found an unclosed bracketed comment. Please, append */ at the end of the comment.' },
  INVALID_IDENTIFIER: {
    sqlState: '42602',
    template: 'The identifier <ident> is invalid. Please, consider quoting it with back-quotes as `<ident>`.',
  },
  INVALID_TYPED_LITERAL: { sqlState: '42604', template: 'The value of the typed literal <valueType> is invalid: <value>.' },
  UNSUPPORTED_TYPED_LITERAL: { sqlState: '0A000', template: 'Literals of the type <unsupportedType> are not supported. Supported types are <supportedTypes>.' },
  INVALID_NUMERIC_LITERAL_RANGE: {
    template:
      'Numeric literal <rawStrippedQualifier> is outside the valid range for <typeName> with minimum value of <minValue> and maximum value of <maxValue>. Please adjust the value accordingly.',
  },
  INVALID_SET_SYNTAX: {
    sqlState: '42000',
    template:
      "Expected format is 'SET', 'SET key', or 'SET key=value'. If you want to include special characters in key, or include semicolon in value, please use backquotes, e.g., SET `key`=`value`.",
  },
  DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION: { sqlState: '22003', template: 'Decimal precision <precision> exceeds max precision <maxPrecision>.' },
  _LEGACY_ERROR_TEMP_1228: { template: 'Decimal scale (<scale>) cannot be greater than precision (<precision>).', legacy: true },
  'INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE': {
    sqlState: '42K0E',
    template: 'The limit like expression <expr> is invalid. The <name> expression must be equal to or greater than 0, but got <v>.',
  },
  'INVALID_LIMIT_LIKE_EXPRESSION.DATA_TYPE': {
    sqlState: '42K0E',
    template: 'The limit like expression <expr> is invalid. The <name> expression must be integer type, but got <dataType>.',
  },
  'INVALID_LIMIT_LIKE_EXPRESSION.IS_NULL': {
    sqlState: '42K0E',
    template: 'The limit like expression <expr> is invalid. The evaluated <name> expression must not be null.',
  },
  'INVALID_LIMIT_LIKE_EXPRESSION.IS_UNFOLDABLE': {
    sqlState: '42K0E',
    template: 'The limit like expression <expr> is invalid. The <name> expression must evaluate to a constant value.',
  },
  _LEGACY_ERROR_TEMP_0029: { template: 'Cannot mix year-month and day-time fields: <literal>.', legacy: true },
  _LEGACY_ERROR_TEMP_0052: { template: 'CREATE VIEW with both IF NOT EXISTS and REPLACE is not allowed.', legacy: true },
  _LEGACY_ERROR_TEMP_0053: { template: 'It is not allowed to define a TEMPORARY view with IF NOT EXISTS.', legacy: true },
  _LEGACY_ERROR_TEMP_0062: { template: '<msg>.', legacy: true },
  _LEGACY_ERROR_TEMP_1004: { template: 'Window specification <windowName> is not defined in the WINDOW clause.', legacy: true },
  UNSUPPORTED_DATATYPE: { sqlState: '0A000', template: 'Unsupported data type <typeName>.' },
  CAST_INVALID_INPUT: {
    sqlState: '22018',
    template:
      'The value <expression> of the type <sourceType> cannot be cast to <targetType> because it is malformed. Correct the value as per the syntax, or change its target type. Use `try_cast` to tolerate malformed input and return NULL instead. If necessary set <ansiConfig> to "false" to bypass this error.',
  },
  CAST_OVERFLOW: {
    sqlState: '22003',
    template:
      'The value <value> of the type <sourceType> cannot be cast to <targetType> due to an overflow. Use `try_cast` to tolerate overflow and return NULL instead. If necessary set <ansiConfig> to "false" to bypass this error.',
  },
  DIVIDE_BY_ZERO: {
    sqlState: '22012',
    template:
      'Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead. If necessary set <config> to "false" to bypass this error.',
  },
  ARITHMETIC_OVERFLOW: {
    sqlState: '22003',
    template: '<message>.<alternative> If necessary set <config> to "false" to bypass this error.',
  },
  UDF_FAILED: { template: 'User-defined function <name> failed: <message>', legacy: false },
  // pyspark's own (client-side) error classes.
  NOT_COLUMN: { template: 'Argument `<arg_name>` should be a Column, got <arg_type>.' },
  NOT_COLUMN_OR_STR: { template: 'Argument `<arg_name>` should be a Column or str, got <arg_type>.' },
  NOT_STR: { template: 'Argument `<arg_name>` should be a str, got <arg_type>.' },
  NOT_BOOL: { template: 'Argument `<arg_name>` should be a bool, got <arg_type>.' },
  NOT_INT: { template: 'Argument `<arg_name>` should be an int, got <arg_type>.' },
  NOT_LIST_OR_STR_OR_TUPLE: { template: 'Argument `<arg_name>` should be a list, str or tuple, got <arg_type>.' },
  CANNOT_MERGE_TYPE: { template: 'Can not merge type `<data_type1>` and `<data_type2>`.' },
  CANNOT_DETERMINE_TYPE: { template: 'Some of types cannot be determined after inferring.' },
  CANNOT_INFER_EMPTY_SCHEMA: { template: 'Can not infer schema from empty dataset.' },
  CANNOT_INFER_SCHEMA_FOR_TYPE: { template: 'Can not infer schema for type: <data_type>.' },
  CANNOT_INFER_TYPE_FOR_FIELD: { template: 'Unable to infer the type of the field `<field_name>`.' },
  CANNOT_ACCEPT_OBJECT_IN_TYPE: { template: '`<data_type>` can not accept object `<obj_name>` in type `<obj_type>`.' },
  FIELD_NOT_NULLABLE: { template: 'Field `<field_name>` is not nullable, but got None.' },
  LENGTH_SHOULD_BE_THE_SAME: { template: '<arg1> and <arg2> should be of the same length, got <arg1_length> and <arg2_length>.' },
  UNSUPPORTED_JOIN_TYPE: {
    template: "Unsupported join type '<typ>'. Supported join types include: <supported>.",
    legacy: true,
  },
  ONLY_ALLOW_SINGLE_TRIGGER: { template: 'Only a single trigger is allowed.' },
  VALUE_NOT_NON_EMPTY_STR: { template: 'Value for `<arg_name>` must be a non empty string, got \'<arg_value>\'.' },
  INVALID_ARGUMENT: { template: '<message>', legacy: true },
  // Spark's legacy classes: printed without the `[CLASS]` prefix.
  _LEGACY_ERROR_TEMP_1201: { template: 'Cannot resolve column name "<name>" among (<columns>).', legacy: true },
  LEGACY_ANALYSIS: { template: '<message>', legacy: true },
  NOT_IMPLEMENTED: { template: '<feature> is not implemented in tspark yet.' },
  // pyspark's own class for builder.master(…) with builder.remote(…).
  CANNOT_CONFIGURE_SPARK_CONNECT_MASTER: {
    template: 'Spark Connect server and Spark master cannot be configured together: Spark master [<master_url>], Spark Connect [<connect_url>]; keep one of master(…) and remote(…).',
  },
  // The data sources' classes (csv, json, text, parquet, paths, save modes).
  ...SOURCE_ERROR_CLASSES,
  // Structured Streaming's classes.
  ...STREAMING_ERROR_CLASSES,
  // The connectors' classes (jdbc, redis, mqtt).
  ...CONNECTOR_ERROR_CLASSES,
} as const satisfies Record<string, ErrorClassInfo>;

/** Every error class in the catalog. */
export type ErrorClass = keyof typeof ERROR_CLASSES;

/** Message parameters, as Spark's `getMessageParameters()`. */
export type MessageParameters = Readonly<Record<string, string>>;

/** Builds `[CLASS] message` from the catalog template and the parameters. */
export function formatErrorMessage(errorClass: ErrorClass, params: MessageParameters): string {
  const info: ErrorClassInfo = ERROR_CLASSES[errorClass];
  const text = info.template.replace(/<([A-Za-z_0-9]+)>/g, (m, name: string) => params[name] ?? m);
  return 'legacy' in info && info.legacy ? text : `[${errorClass}] ${text}`;
}

/** Options every SparkError takes besides its class and parameters. */
export interface SparkErrorOptions {
  readonly cause?: unknown;
  /** Text appended after the message, as Spark appends `;` and the plan to analysis errors. */
  readonly context?: string;
}

/** Base of every Spark SQL error: Spark's error class, parameters and SQLSTATE on a TsparkError. */
export class SparkError extends TsparkError {
  readonly errorClass: ErrorClass;
  readonly messageParameters: MessageParameters;
  readonly sqlState: string | undefined;
  constructor(code: ErrorCode, errorClass: ErrorClass, params: MessageParameters = {}, options: SparkErrorOptions = {}) {
    super(code, formatErrorMessage(errorClass, params) + (options.context ?? ''), { cause: options.cause });
    this.errorClass = errorClass;
    this.messageParameters = params;
    const info: ErrorClassInfo = ERROR_CLASSES[errorClass];
    this.sqlState = info.sqlState;
  }
  /** Spark's error class, as pyspark's `getErrorClass()`. */
  getErrorClass(): ErrorClass {
    return this.errorClass;
  }
  /** SQLSTATE, as pyspark's `getSqlState()`. */
  getSqlState(): string | undefined {
    return this.sqlState;
  }
  /** The message parameters, as pyspark's `getMessageParameters()`. */
  getMessageParameters(): MessageParameters {
    return this.messageParameters;
  }
}

/** A query that cannot be analysed: unknown column, table or function, type mismatch (pyspark's AnalysisException). */
export class AnalysisException extends SparkError {
  constructor(errorClass: ErrorClass, params: MessageParameters = {}, options: SparkErrorOptions = {}) {
    super('ERR_SQL_ANALYSIS', errorClass, params, options);
  }
}

/** SQL text that does not parse (pyspark's ParseException). */
export class ParseException extends SparkError {
  constructor(errorClass: ErrorClass, params: MessageParameters = {}, options: SparkErrorOptions = {}) {
    super('ERR_SQL_PARSE', errorClass, params, options);
  }
}

/** An error while a query runs: ANSI cast, overflow, division by zero (Spark's SparkRuntimeException family). */
export class SparkRuntimeException extends SparkError {
  constructor(errorClass: ErrorClass, params: MessageParameters = {}, options: SparkErrorOptions = {}) {
    super('ERR_SQL_EXECUTION', errorClass, params, options);
  }
}

/** A wrong argument to an API call (pyspark's PySparkTypeError / PySparkValueError / IllegalArgumentException). */
export class SparkArgumentError extends SparkError {
  constructor(errorClass: ErrorClass, params: MessageParameters = {}, options: SparkErrorOptions = {}) {
    super('ERR_SQL_ARGUMENT', errorClass, params, options);
  }
}

/** A streaming query that failed (pyspark's StreamingQueryException): `[STREAM_FAILED] Query [id = …, runId = …] terminated with exception: …`. */
export class StreamingQueryException extends SparkError {
  constructor(errorClass: ErrorClass, params: MessageParameters = {}, options: SparkErrorOptions = {}) {
    super('ERR_STREAM_FAILED', errorClass, params, options);
  }
}

/** Quotes an identifier as Spark's messages do: `` `name` `` (backticks inside doubled). */
export function quoteId(name: string): string {
  return '`' + name.replace(/`/g, '``') + '`';
}

/** Quotes a multi-part name: `` `a`.`b` ``. */
export function quoteName(parts: readonly string[]): string {
  return parts.map(quoteId).join('.');
}

/** Quotes an SQL expression or type in messages: `"INT"`, `"(age = array(1))"`. */
export function quoteSql(text: string): string {
  return `"${text}"`;
}
