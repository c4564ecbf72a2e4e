/**
 * Decodes the `grpc-status-details-bin` trailer Spark Connect attaches to every error: a
 * `google.rpc.Status` whose details hold a `google.rpc.ErrorInfo` with the exception's classes,
 * Spark's error class, SQLSTATE, message parameters and an `errorId` for FetchErrorDetails.
 *
 * These three messages are frozen parts of gRPC's own API (google/rpc/status.proto,
 * error_details.proto) and not in Spark's .proto files, so a small wire reader is kept here
 * rather than a second protobuf toolchain.
 */

/** `google.rpc.ErrorInfo`: why the call failed, with string metadata. */
export interface RpcErrorInfo {
  readonly reason: string;
  readonly domain: string;
  readonly metadata: ReadonlyMap<string, string>;
}

/** `google.rpc.Status` with the ErrorInfo details it carries (other detail kinds are skipped). */
export interface RpcStatus {
  readonly code: number;
  readonly message: string;
  readonly errorInfos: readonly RpcErrorInfo[];
}

const ERROR_INFO_TYPE = 'type.googleapis.com/google.rpc.ErrorInfo';

/** Decodes a `google.rpc.Status`; returns undefined when the bytes are not one. */
export function decodeRpcStatus(bytes: Uint8Array): RpcStatus | undefined {
  try {
    let code = 0;
    let message = '';
    const errorInfos: RpcErrorInfo[] = [];
    for (const f of fields(bytes)) {
      if (f.no === 1 && f.varint !== undefined) code = Number(f.varint);
      else if (f.no === 2 && f.bytes) message = utf8(f.bytes);
      else if (f.no === 3 && f.bytes) {
        let typeUrl = '';
        let value: Uint8Array | undefined;
        for (const a of fields(f.bytes)) {
          if (a.no === 1 && a.bytes) typeUrl = utf8(a.bytes);
          else if (a.no === 2 && a.bytes) value = a.bytes;
        }
        if (typeUrl === ERROR_INFO_TYPE && value) errorInfos.push(decodeErrorInfo(value));
      }
    }
    return { code, message, errorInfos };
  } catch {
    return undefined;
  }
}

function decodeErrorInfo(bytes: Uint8Array): RpcErrorInfo {
  let reason = '';
  let domain = '';
  const metadata = new Map<string, string>();
  for (const f of fields(bytes)) {
    if (f.no === 1 && f.bytes) reason = utf8(f.bytes);
    else if (f.no === 2 && f.bytes) domain = utf8(f.bytes);
    else if (f.no === 3 && f.bytes) {
      // A map<string, string> entry: key = 1, value = 2.
      let key = '';
      let value = '';
      for (const e of fields(f.bytes)) {
        if (e.no === 1 && e.bytes) key = utf8(e.bytes);
        else if (e.no === 2 && e.bytes) value = utf8(e.bytes);
      }
      metadata.set(key, value);
    }
  }
  return { reason, domain, metadata };
}

interface WireField {
  readonly no: number;
  readonly varint?: bigint;
  readonly bytes?: Uint8Array;
}

const decoder = new TextDecoder();
const utf8 = (b: Uint8Array): string => decoder.decode(b);

/** The fields of one message, in order; throws on malformed input (the caller catches). */
function* fields(buf: Uint8Array): Generator<WireField> {
  let pos = 0;
  const varint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (pos >= buf.length) throw new Error('truncated varint');
      const b = buf[pos++]!;
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
      if (shift > 70n) throw new Error('varint too long');
    }
  };
  while (pos < buf.length) {
    const key = varint();
    const no = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (wire === 0) yield { no, varint: varint() };
    else if (wire === 2) {
      const len = Number(varint());
      if (pos + len > buf.length) throw new Error('truncated field');
      yield { no, bytes: buf.subarray(pos, pos + len) };
      pos += len;
    } else if (wire === 1) pos += 8;
    else if (wire === 5) pos += 4;
    else throw new Error(`unsupported wire type ${wire}`);
  }
}
