/**
 * Spark Connect connection strings, parsed by the rules of Spark's own clients (pyspark's
 * `DefaultChannelBuilder`, and `sql/connect/docs/client-connection-string.md`):
 * `sc://host[:port][/][;key=value]*`, default port 15002, parameters case sensitive and
 * percent-decoded; `token`, `use_ssl`, `user_id`, `user_agent` and `session_id` are the client's,
 * every other parameter is sent to the server as gRPC metadata.
 */
import { TsparkError } from '../../engine/errors.js';

/** The default Spark Connect port, as in Spark. */
export const DEFAULT_CONNECT_PORT = 15002;

/** The parameters the client itself interprets; the rest become request metadata. */
export const CLIENT_PARAMETERS = ['token', 'use_ssl', 'user_id', 'user_agent', 'session_id'] as const;

/** A parsed connection string. */
export interface ConnectionOptions {
  /** The URL as given, with any token masked, for banners and messages. */
  readonly display: string;
  readonly host: string;
  readonly port: number;
  /** `use_ssl=true` or a token: TLS, unless the host is `localhost` and only a token is set (as pyspark). */
  readonly secure: boolean;
  /** Whether the channel uses TLS (see `secure`). */
  readonly tls: boolean;
  readonly token: string | undefined;
  readonly userId: string | undefined;
  readonly userAgent: string | undefined;
  readonly sessionId: string | undefined;
  /** Parameters not interpreted by the client, sent to the server as gRPC metadata. */
  readonly metadata: ReadonlyArray<readonly [string, string]>;
}

/** What a caller can add from outside the URL (pyspark reads SPARK_CONNECT_AUTHENTICATE_TOKEN). */
export interface ConnectionDefaults {
  /** Used when the URL has no `token` parameter. */
  readonly token?: string | undefined;
}

/** A connection string that breaks Spark Connect's rules: Spark's INVALID_CONNECT_URL. */
export class InvalidConnectUrlError extends TsparkError {
  constructor(detail: string) {
    super('ERR_CONNECT_URL', `[INVALID_CONNECT_URL] Invalid URL for Spark Connect: ${detail}`);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// gRPC metadata keys: lowercase letters, digits, '-', '_', '.' (uppercase is folded by grpc-js).
const METADATA_KEY = /^[0-9a-z_.-]+$/i;

/** Parses `sc://host:port/;k=v;…` or throws {@link InvalidConnectUrlError} naming the broken rule. */
export function parseConnectionString(url: string, defaults: ConnectionDefaults = {}): ConnectionOptions {
  if (typeof url !== 'string' || !url.startsWith('sc://')) {
    throw new InvalidConnectUrlError(
      `The URL must start with 'sc://'. Please update the URL to follow the correct format, e.g., 'sc://hostname:port'; got ${JSON.stringify(url)}.`,
    );
  }
  const rest = url.slice('sc://'.length);
  const stop = rest.search(/[/?#]/);
  const netloc = stop < 0 ? rest : rest.slice(0, stop);
  const early = netloc.indexOf(';');
  if (early >= 0) {
    throw new InvalidConnectUrlError(
      `Parameters must follow a '/', e.g. 'sc://${netloc.slice(0, early)}/${netloc.slice(early)}'.`,
    );
  }
  let tail = stop < 0 ? '' : rest.slice(stop);
  if (tail.includes('?') || tail.includes('#')) {
    throw new InvalidConnectUrlError(
      `A query ('?') or fragment ('#') is not allowed; parameters follow the path as ';key=value', e.g. 'sc://hostname:15002/;use_ssl=true'.`,
    );
  }
  // The path is what comes before the first ';' (HTTP path-parameter syntax); it must be empty or '/'.
  const semi = tail.indexOf(';');
  const path = semi < 0 ? tail : tail.slice(0, semi);
  tail = semi < 0 ? '' : tail.slice(semi + 1);
  if (path !== '' && path !== '/') {
    throw new InvalidConnectUrlError(
      `The path component '${path}' must be empty. Please update the URL to follow the correct format, e.g., 'sc://hostname:port'.`,
    );
  }

  const { host, port } = parseNetloc(netloc);
  const params = parseParameters(tail);

  const token = params.get('token') ?? defaults.token;
  const useSsl = (params.get('use_ssl') ?? '').toLowerCase() === 'true';
  const secure = useSsl || token !== undefined;
  const sessionId = params.get('session_id');
  if (sessionId !== undefined && !UUID.test(sessionId)) {
    throw new TsparkError(
      'ERR_CONNECT_URL',
      `[INVALID_SESSION_UUID_ID] Parameter value session_id must be a valid UUID format: got ${JSON.stringify(sessionId)}, e.g. 550e8400-e29b-41d4-a716-446655440000.`,
    );
  }
  const userAgent = params.get('user_agent');
  if (userAgent !== undefined && encodeURIComponent(userAgent).length > 2048) {
    throw new InvalidConnectUrlError(`'user_agent' must not exceed 2048 characters; found ${userAgent.length}.`);
  }
  const metadata: Array<readonly [string, string]> = [];
  for (const [key, value] of params) {
    if ((CLIENT_PARAMETERS as readonly string[]).includes(key)) continue;
    if (!METADATA_KEY.test(key) || key.toLowerCase().endsWith('-bin')) {
      throw new InvalidConnectUrlError(
        `Parameter '${key}' cannot be sent as gRPC metadata: keys are letters, digits, '-', '_' and '.', and must not end in '-bin'.`,
      );
    }
    metadata.push([key, value]);
  }
  return {
    display: maskToken(url),
    host,
    port,
    secure,
    // pyspark 4 sends a token to 'localhost' over a local (plaintext) channel unless use_ssl is set.
    tls: useSsl || (token !== undefined && host !== 'localhost'),
    token,
    userId: params.get('user_id'),
    userAgent,
    sessionId,
    metadata,
  };
}

function parseNetloc(netloc: string): { host: string; port: number } {
  const parts = netloc.split(':');
  if (parts.length > 2) {
    throw new InvalidConnectUrlError(
      `Target destination '${netloc}' should match the '<host>:<port>' pattern. Please update the destination to follow the correct format, e.g., 'hostname:port'.`,
    );
  }
  const host = parts[0]!;
  if (host === '' || !/^[A-Za-z0-9._-]+$/.test(host)) {
    throw new InvalidConnectUrlError(
      host === ''
        ? `The host is missing. Please update the URL to follow the correct format, e.g., 'sc://localhost:15002'.`
        : `The host '${host}' is not a valid host name or IPv4 address.`,
    );
  }
  if (parts.length === 1) return { host, port: DEFAULT_CONNECT_PORT };
  const text = parts[1]!;
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 1 && port <= 65535)) {
    throw new InvalidConnectUrlError(
      `The port '${text}' must be a number from 1 to 65535 (the default is ${DEFAULT_CONNECT_PORT}), e.g. 'sc://${host}:${DEFAULT_CONNECT_PORT}'.`,
    );
  }
  return { host, port };
}

function parseParameters(text: string): Map<string, string> {
  const params = new Map<string, string>();
  if (text === '') return params;
  for (const part of text.split(';')) {
    const kv = part.split('=');
    if (kv.length !== 2 || kv[0] === '') {
      throw new InvalidConnectUrlError(
        `Parameter '${part}' should be provided as a key-value pair separated by an equal sign (=). Please update the parameter to follow the correct format, e.g., 'key=value'.`,
      );
    }
    let value: string;
    try {
      value = decodeURIComponent(kv[1]!);
    } catch {
      throw new InvalidConnectUrlError(`The value of parameter '${kv[0]}' is not valid percent-encoding: '${kv[1]}'.`);
    }
    params.set(kv[0]!, value);
  }
  return params;
}

/** The URL with the token's value hidden, safe to print in banners, logs and errors. */
export function maskToken(url: string): string {
  return url.replace(/(;token=)[^;]*/g, '$1***');
}
