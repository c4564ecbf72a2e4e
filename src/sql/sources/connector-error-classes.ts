/**
 * The error classes the connectors (jdbc, redis, mqtt) raise, in the one catalog: `errors.ts`
 * spreads them into `ERROR_CLASSES`. Spark 3.5's legacy classes keep Spark's text (measured
 * with PySpark 3.5, test/sources/jdbc/fixtures/spark35-jdbc.json), with a hint after it where
 * Spark gives none; `FAILED_JDBC` is Spark 4's class for a database that fails an operation,
 * with the database's own message added, and `FAILED_REDIS`/`FAILED_MQTT` follow its shape.
 */
export const CONNECTOR_ERROR_CLASSES = {
  _LEGACY_ERROR_TEMP_1288: {
    template: "Table or view '<tableName>' already exists. SaveMode: ErrorIfExists.<hint>",
    legacy: true,
  },
  _LEGACY_ERROR_TEMP_1156: { template: 'Column <colName> not found in schema <tableSchema>.<hint>', legacy: true },
  _LEGACY_ERROR_TEMP_1171: { template: 'createTableColumnTypes option column <col> not found in schema <schema>.', legacy: true },
  _LEGACY_ERROR_TEMP_1287: {
    template: 'Partition column type should be numeric, date, or timestamp, but <type> found.',
    legacy: true,
  },
  _LEGACY_ERROR_TEMP_2082: { template: "Can't get JDBC type for <catalogString>.", legacy: true },
  'FAILED_JDBC.CONNECT': { sqlState: '08001', template: 'Failed JDBC <url> on the operation: Connect. <message>' },
  'FAILED_JDBC.CREATE_TABLE': { sqlState: 'HV000', template: 'Failed JDBC <url> on the operation: Create the table <tableName>. <message>' },
  'FAILED_JDBC.LOAD_TABLE': { sqlState: 'HV000', template: 'Failed JDBC <url> on the operation: Load the table <tableName>. <message>' },
  'FAILED_JDBC.WRITE': { sqlState: 'HV000', template: 'Failed JDBC <url> on the operation: Write to the table <tableName>. <message>' },
  'FAILED_JDBC.UNCLASSIFIED': { sqlState: 'HV000', template: 'Failed JDBC <url> on the operation: <message>' },
  'FAILED_REDIS.CONNECT': { sqlState: '08001', template: 'Failed Redis <url> on the operation: Connect. <message>' },
  'FAILED_REDIS.UNCLASSIFIED': { template: 'Failed Redis <url> on the operation: <message>' },
  'FAILED_MQTT.CONNECT': { sqlState: '08001', template: 'Failed MQTT <url> on the operation: Connect. <message>' },
  'FAILED_MQTT.UNCLASSIFIED': { template: 'Failed MQTT <url> on the operation: <message>' },
} as const;
