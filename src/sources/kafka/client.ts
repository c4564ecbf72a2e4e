/**
 * The Kafka client behind the connector: `@platformatic/kafka` (pure JavaScript, the last line
 * for Node 20 is 1.x), loaded on first use so that `import "tspark"` and the shell start without
 * it. This file also turns the client's nested errors into one plain sentence, and knows the
 * Kafka protocol error names the connector reacts to.
 */
import type * as KafkaModule from '@platformatic/kafka';
import type { KafkaParams } from './params.js';

/** The client library's module. */
export type Kafka = typeof KafkaModule;

let loading: Promise<Kafka> | undefined;

/** Loads `@platformatic/kafka` once. */
export function kafkaClient(): Promise<Kafka> {
  loading ??= import('@platformatic/kafka');
  return loading;
}

/** Options every client the connector makes shares: loopback-friendly timeouts, few retries (the connector retries per batch). */
export function baseOptions(params: KafkaParams, role: string): { clientId: string; bootstrapBrokers: string[]; timeout: number; retries: number; retryDelay: number; connectTimeout: number } {
  return {
    clientId: `${params.clientId}-${role}`,
    bootstrapBrokers: [...params.bootstrap],
    timeout: params.requestTimeoutMs,
    retries: 2,
    retryDelay: 250,
    connectTimeout: Math.min(params.requestTimeoutMs, 5000),
  };
}

interface ErrorLike {
  message?: unknown;
  code?: unknown;
  apiId?: unknown;
  errors?: unknown;
  cause?: unknown;
}

/** Every error inside `e` (MultipleErrors nest others in `errors`, and network errors carry a `cause`). */
function flatten(e: unknown, out: ErrorLike[] = [], depth = 0): ErrorLike[] {
  if (typeof e !== 'object' || e === null || depth > 6) return out;
  const x = e as ErrorLike;
  out.push(x);
  if (Array.isArray(x.errors)) for (const inner of x.errors) flatten(inner, out, depth + 1);
  if (x.cause !== undefined) flatten(x.cause, out, depth + 1);
  return out;
}

/** The Kafka protocol error names (`OFFSET_OUT_OF_RANGE` …) found in `e`. */
export function protocolErrorIds(e: unknown): string[] {
  return flatten(e)
    .map((x) => x.apiId)
    .filter((id): id is string => typeof id === 'string');
}

/** True when `e` says the broker could not be reached at all (refused, reset, timed out, DNS). */
export function isUnreachable(e: unknown): boolean {
  return flatten(e).some(
    (x) =>
      (typeof x.code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENOTFOUND', 'ETIMEDOUT', 'EPIPE', 'PLT_KFK_NETWORK', 'PLT_KFK_TIMEOUT'].includes(x.code)) ||
      (typeof x.message === 'string' && /Cannot connect to any broker|Connection .* failed|timed out/i.test(x.message)),
  );
}

/** One sentence for the user: the deepest useful messages, without the library's codes. */
export function describeKafkaError(e: unknown): string {
  const parts: string[] = [];
  for (const x of flatten(e)) {
    const sys = typeof x.code === 'string' && /^E[A-Z]+$/.test(x.code) ? x.code : undefined;
    if (sys && !parts.includes(sys)) parts.push(sys);
    if (typeof x.message === 'string' && x.message !== '' && !/^(Multiple errors|Received response with error)/i.test(x.message)) {
      const m = x.message.replace(/\.$/, '');
      if (!parts.includes(m)) parts.push(m);
    }
  }
  if (parts.length === 0) return String(e);
  // The client wraps each retry ("metadata failed 3 times: listApis failed 3 times: …"): keep what failed at the bottom.
  const plain = parts.map((p) => p.replace(/^(?:\w+ failed \d+ times?: )+/i, '')).filter((p) => !/^\w+ failed \d+ times?\.?$/i.test(p));
  return [...new Set(plain)].slice(0, 2).join(': ');
}
