/**
 * `spark.conf` of a remote session: every call is a Config request to the server, so values,
 * defaults and errors (SQL_CONF_NOT_FOUND, CANNOT_MODIFY_CONFIG …) are Spark's own.
 */
import { RuntimeConfig } from '../../api/conf.js';
import { SparkArgumentError } from '../../errors.js';
import type { TransportBridge } from '../sync/bridge.js';

/** The server session's runtime configuration. */
export class RemoteRuntimeConfig extends RuntimeConfig {
  constructor(private readonly bridge: TransportBridge) {
    super();
  }

  override set(key: string, value: string | number | boolean): void {
    if (typeof key !== 'string' || key === '') throw new SparkArgumentError('NOT_STR', { arg_name: 'key', arg_type: typeof key });
    this.bridge.call('config', { set: { pairs: [{ key, value: String(value) }] } });
  }

  override get(key: string, defaultValue?: string | null): string | null {
    if (defaultValue !== undefined) {
      const v = this.getOption(key);
      return v === undefined ? defaultValue : v;
    }
    const r = this.bridge.call('config', { get: { keys: [key] } });
    return r.pairs[0]?.value ?? null;
  }

  override getOption(key: string): string | undefined {
    const r = this.bridge.call('config', { get_option: { keys: [key] } });
    return r.pairs[0]?.value ?? undefined;
  }

  override unset(key: string): void {
    this.bridge.call('config', { unset: { keys: [key] } });
  }

  override isModifiable(key: string): boolean {
    const r = this.bridge.call('config', { is_modifiable: { keys: [key] } });
    return r.pairs[0]?.value === 'true';
  }

  override getAll(): Record<string, string> {
    const r = this.bridge.call('config', { get_all: {} });
    return Object.fromEntries(r.pairs.filter((p) => p.value !== undefined && p.value !== null).map((p) => [p.key, p.value!]));
  }

  override copy(): RuntimeConfig {
    return new RuntimeConfig(Object.entries(this.getAll()));
  }
}
