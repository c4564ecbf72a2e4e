/**
 * The error classes the data sources raise, with Spark 3.5's templates. They are part of the
 * one catalog (`errors.ts` spreads them into `ERROR_CLASSES`), kept here so that the sources'
 * entries live beside the sources.
 */
export const SOURCE_ERROR_CLASSES = {
  'MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION': {
    sqlState: '22023',
    template:
      'Malformed records are detected in record parsing: <badRecord>.\n' +
      "Parse Mode: <failFastMode>. To process malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'. ",
  },
  MALFORMED_CSV_RECORD: { sqlState: 'KD000', template: 'Malformed CSV record: <badRecord>' },
  CANNOT_PARSE_JSON_FIELD: {
    sqlState: '2203G',
    template: 'Cannot parse the field name <fieldName> and the value <fieldValue> of the JSON token type <jsonType> to target Spark data type <dataType>.',
  },
  MALFORMED_JSON: { template: '<message>', legacy: true },
  _LEGACY_ERROR_TEMP_2165: {
    template: 'Malformed records are detected in schema inference. Parse Mode: <failFastMode>.',
    legacy: true,
  },
  UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE: {
    sqlState: '0A000',
    template: "The <format> datasource doesn't support the column <columnName> of the type <columnType>.",
  },
  COLUMN_ALREADY_EXISTS: {
    sqlState: '42711',
    template: 'The column <columnName> already exists. Consider to choose another name or rename the existing column.',
  },
  _LEGACY_ERROR_TEMP_1097: { template: 'The field for corrupt records must be string type and nullable.', legacy: true },
  CSV_HEADER_MISMATCH: {
    template: 'CSV header does not conform to the schema.\n Header: <header>\n Schema: <schema>\nExpected: <expected> but found: <found>\nCSV file: <file>',
    legacy: true,
  },
  _LEGACY_ERROR_TEMP_1285: {
    template:
      'Since Spark 2.3, the queries from raw JSON/CSV files are disallowed when the\n' +
      'referenced columns only include the internal corrupt record column\n' +
      '(named _corrupt_record by default). For example:\n' +
      'spark.read.schema(schema).csv(file).filter($"_corrupt_record".isNotNull).count()\n' +
      'and spark.read.schema(schema).csv(file).select("_corrupt_record").show().\n' +
      'Instead, you can cache or save the parsed results and then send the same query.\n' +
      'For example, val df = spark.read.schema(schema).csv(file).cache() and then\n' +
      'df.filter($"_corrupt_record".isNotNull).count().',
    legacy: true,
  },
  CONFLICTING_PARTITION_COLUMN_NAMES: {
    template: 'Conflicting partition column names detected:\n<paths>\nFor partitioned table directories, data files should only live in leaf directories.\nAnd directories at the same level should have the same partition column name.\nPlease check the following directories for unexpected files or inconsistent partition column names.',
    legacy: true,
  },
  UNKNOWN_SAVE_MODE: {
    template: "Unknown save mode: <mode>. Accepted save modes are 'overwrite', 'append', 'ignore', 'error', 'errorifexists', 'default'.",
    legacy: true,
  },
  FILE_READ_FAILED: { template: 'Encountered error while reading file <path>. <message>', legacy: false },
  STREAMING_SOURCE_SCHEMA_REQUIRED: {
    template:
      "Schema must be specified when creating a streaming source DataFrame. If some files already exist in the directory, then depending on the file format you may be able to create a static DataFrame on that directory with 'spark.read.load(directory)' and infer schema from it.",
    legacy: true,
  },
} as const;
