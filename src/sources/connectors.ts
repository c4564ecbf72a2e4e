/**
 * The connectors' data sources, registered by name when this module is imported: `jdbc` (also
 * `sqlite`, `postgresql`), `redis` (also `org.apache.spark.sql.redis`) and `mqtt` (also Bahir's
 * provider class name). Importing costs nothing at start-up: the client libraries load when a
 * connector is first used (better-sqlite3, mqtt) or in its worker thread (pg, ioredis).
 */
import { registerDataSource } from '../sql/sources/registry.js';
import { jdbcSource } from './jdbc/provider.js';
import { closeIdleConnections } from './jdbc/pool.js';
import { mqttSourceProvider } from './mqtt/provider.js';
import { redisSource } from './redis/provider.js';
import { closeRedisConnections } from './redis/redis-connection.js';

/** The connectors' providers. */
export const CONNECTOR_SOURCES = [jdbcSource, redisSource, mqttSourceProvider] as const;

/** Registers the connectors' providers (again: a later registration of a name wins). */
export function registerConnectors(): void {
  for (const p of CONNECTOR_SOURCES) registerDataSource(p);
}

/** Closes the connections the connectors keep between writes (the shell calls it on exit). */
export function closeConnectorConnections(): void {
  closeIdleConnections();
  closeRedisConnections();
}

registerConnectors();
