/**
 * Data sources by name. Built-in formats register themselves when their module is imported
 * (`sources/builtin.ts` lists them); connectors call {@link registerDataSource} the same way.
 * Names are case-insensitive, as Spark's `format(…)`.
 */
import { SparkArgumentError } from '../errors.js';
import type { DataSourceProvider } from './contract.js';

const providers = new Map<string, DataSourceProvider>();

/** Makes `provider` available to `format(name)` and its aliases; a later registration of a name replaces the earlier one. */
export function registerDataSource(provider: DataSourceProvider): void {
  for (const n of [provider.name, ...(provider.aliases ?? [])]) providers.set(n.toLowerCase(), provider);
}

/** The provider for `format`, or Spark's DATA_SOURCE_NOT_FOUND. */
export function findDataSource(format: string): DataSourceProvider {
  const p = providers.get(format.toLowerCase());
  if (p === undefined) throw new SparkArgumentError('DATA_SOURCE_NOT_FOUND', { provider: format });
  return p;
}

/** The registered format names (for completion and messages). */
export function dataSourceNames(): string[] {
  return [...new Set([...providers.values()].map((p) => p.name))].sort();
}
