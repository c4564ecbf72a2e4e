/**
 * What can go wrong talking to Spark Connect, as one-line errors with catalog codes: the
 * connection (server down, unknown host, refused token, dropped mid-query, a server too old for a
 * request) and errors Spark raised while running a query, which keep Spark's error class, SQLSTATE
 * and message parameters. The full server text stays on the error for whoever wants it.
 */
import { status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { TsparkError } from '../../engine/errors.js';
import { ConnectError, SparkRemoteError, type SparkErrorInfo } from './error-types.js';
import { decodeRpcStatus, type RpcErrorInfo } from './status-details.js';

export { ConnectError, SparkRemoteError, codeForSparkError } from './error-types.js';
export type { SparkErrorInfo } from './error-types.js';

/** Where a failed call was going, so a message can name the server and the request. */
export interface CallSite {
  /** `host:port` */
  readonly endpoint: string;
  /** The RPC, e.g. `ExecutePlan`. */
  readonly method: string;
  /** Whether any response had arrived before the failure (then a lost connection is a drop). */
  readonly receivedAny: boolean;
  /** The server's Spark version, when known. */
  readonly serverVersion?: string | undefined;
  /** Whether TLS was used (a TLS handshake against a plaintext server fails in a telling way). */
  readonly tls?: boolean;
}

/** Whether a value is a grpc-js call error. */
export function isServiceError(e: unknown): e is ServiceError {
  return e instanceof Error && typeof (e as Partial<ServiceError>).code === 'number' && 'metadata' in e;
}

/** The Spark error details in a failed call's status trailer, if it carries any. */
export function sparkErrorInfoOf(e: ServiceError): SparkErrorInfo | undefined {
  const raw = e.metadata?.get('grpc-status-details-bin')[0];
  if (!(raw instanceof Uint8Array)) return undefined;
  const status = decodeRpcStatus(raw);
  const info = status?.errorInfos.find((i) => i.domain === 'org.apache.spark') ?? status?.errorInfos[0];
  if (!status || !info) return undefined;
  return fromErrorInfo(info, status.message || e.details);
}

function fromErrorInfo(info: RpcErrorInfo, message: string): SparkErrorInfo {
  const m = info.metadata;
  const classes = parseJson<string[]>(m.get('classes'), []);
  const errorId = m.get('errorId');
  return {
    errorClass: m.get('errorClass') || undefined,
    sqlState: m.get('sqlState') || undefined,
    messageParameters: parseJson<Record<string, string>>(m.get('messageParameters'), {}),
    exceptionClasses: classes.length ? classes : info.reason ? [info.reason] : [],
    message,
    ...(errorId ? { errorId } : {}),
  };
}

function parseJson<T>(text: string | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** Turns any failure of a call into one of our errors with a one-line message that says what to do. */
export function toConnectError(e: unknown, site: CallSite): TsparkError {
  if (e instanceof TsparkError) return e;
  if (!isServiceError(e)) {
    return new ConnectError('ERR_CONNECT_PROTOCOL', `Spark Connect ${site.method} to ${site.endpoint} failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  const details = cleanDetails(e.details ?? '');
  const at = `Spark Connect at ${site.endpoint}`;
  const server = site.serverVersion ? ` (Spark ${site.serverVersion})` : '';
  const opts = { cause: e, grpcCode: e.code };
  switch (e.code) {
    case GrpcStatus.UNAVAILABLE:
      return unavailable(e, site, opts);
    case GrpcStatus.UNAUTHENTICATED:
    case GrpcStatus.PERMISSION_DENIED:
      return new ConnectError('ERR_CONNECT_AUTH', `${at} refused the request: ${details || 'not authenticated'}. Check the token=… parameter of the URL (or SPARK_CONNECT_AUTHENTICATE_TOKEN).`, opts);
    case GrpcStatus.UNIMPLEMENTED:
      return new ConnectError('ERR_CONNECT_UNSUPPORTED', `${at}${server} does not support ${site.method} (${details || 'not implemented'}); this request needs a newer Spark Connect server.`, opts);
    case GrpcStatus.DEADLINE_EXCEEDED:
      return new ConnectError('ERR_CONNECT_TIMEOUT', `${at} did not answer ${site.method} in time (${details}); check that the server is not overloaded or stuck.`, opts);
    case GrpcStatus.CANCELLED:
      return new ConnectError('ERR_CONNECT_INTERRUPTED', `${site.method} was cancelled before it finished.`, opts);
    case GrpcStatus.RESOURCE_EXHAUSTED:
      return new ConnectError('ERR_CONNECT_PROTOCOL', `${at}: ${details}; a single message was too large for the channel (collect fewer rows or columns at once).`, opts);
    default:
      break;
  }
  const info = sparkErrorInfoOf(e);
  if (info) {
    const unsupported = unsupportedByServer(info);
    if (unsupported) {
      return new ConnectError('ERR_CONNECT_UNSUPPORTED', `${at}${server} cannot run this request: ${unsupported}; the request needs a newer Spark (this client speaks Spark 4.0's protocol).`, opts);
    }
    return new SparkRemoteError(info, { cause: e });
  }
  return new ConnectError('ERR_CONNECT_PROTOCOL', `${at}: ${site.method} failed with gRPC status ${GrpcStatus[e.code] ?? e.code}: ${details || '(no details)'}`, opts);
}

/**
 * What an older server says when it meets a relation or command its protocol lacks: the oneof
 * arrives empty (the field is unknown to it), and Spark names the empty case.
 */
function unsupportedByServer(info: SparkErrorInfo): string | undefined {
  const msg = info.message.trim();
  const empty = /^Expected (Relation|Command|Expression) to be set, but is empty\.?$/.exec(msg);
  if (empty) return `it does not know this kind of ${empty[1]!.toLowerCase()}`;
  const unsupported = info.exceptionClasses[0] === 'java.lang.UnsupportedOperationException' && /not supported\.?$/.test(msg);
  if (unsupported) return /^\S*not supported\.?$/.test(msg) || /_NOT_SET/.test(msg) ? 'it does not know this kind of command' : msg;
  return undefined;
}

/** grpc-js's connection details as one short clause: no timestamps, no OpenSSL codes, one line. */
export function cleanDetails(details: string): string {
  let d = details.replace(/^No connection established\. Last error: /, '');
  d = d.replace(/\s*\(\d{4}-\d\d-\d\dT[^)]*\)/g, '').replace(/\.?\s*Resolution note:.*$/s, '');
  const ssl = /SSL routines:[^:]*:([^:]+)/.exec(d);
  if (ssl) d = `TLS: ${ssl[1]}`;
  d = d.replace(/^Error: /, '').replace(/\s+/g, ' ').trim();
  return d;
}

function unavailable(e: ServiceError, site: CallSite, opts: { cause: unknown; grpcCode: number }): ConnectError {
  const d = cleanDetails(e.details ?? '');
  const at = `Spark Connect at ${site.endpoint}`;
  if (/Name resolution failed|ENOTFOUND|EAI_AGAIN|getaddrinfo/i.test(d)) {
    const host = site.endpoint.replace(/:\d+$/, '');
    return new ConnectError('ERR_CONNECT_UNAVAILABLE', `Cannot reach ${at}: the host "${host}" was not found; check the host in the URL.`, opts);
  }
  if (/ECONNREFUSED/i.test(d) && !site.receivedAny) {
    return new ConnectError(
      'ERR_CONNECT_UNAVAILABLE',
      `Cannot reach ${at}: connection refused (no server listens on that port); start one (node scripts/services.mjs start spark-connect) or fix the port in the URL.`,
      opts,
    );
  }
  if (/^Protocol error$/.test(d) && !site.receivedAny) {
    return new ConnectError('ERR_CONNECT_UNAVAILABLE', `Cannot reach ${at}: something listens on that port but does not speak gRPC, so it is not a Spark Connect server; check the port in the URL (Spark Connect's default is 15002).`, opts);
  }
  if (site.tls && /SSL|TLS|handshake|wrong version number|EPROTO/i.test(d)) {
    return new ConnectError('ERR_CONNECT_UNAVAILABLE', `Cannot reach ${at}: the TLS handshake failed (${d}); if the server does not use TLS, drop use_ssl=true (a token implies TLS unless the host is localhost, as in pyspark).`, opts);
  }
  if (site.receivedAny || /reset|closed|dropped|RST_STREAM|GOAWAY|EPIPE/i.test(d)) {
    return new ConnectError(
      'ERR_CONNECT_DROPPED',
      `Lost the connection to ${at} during ${site.method} (${d || 'connection closed'}); the result is incomplete. Check that the server is still running, then run the query again.`,
      opts,
    );
  }
  return new ConnectError('ERR_CONNECT_UNAVAILABLE', `Cannot reach ${at}: ${d || 'unavailable'}; check the URL and that the server is running.`, opts);
}
