/**
 * The gRPC channel to a Spark Connect server, built from a parsed connection string as pyspark's
 * channel builder does: TLS when `use_ssl=true` or a token is set (a token to `localhost` without
 * `use_ssl` goes over plaintext, as pyspark's local channel credentials do), the token as a
 * bearer `authorization` header, other URL parameters as metadata, 128 MiB messages.
 */
import * as grpc from '@grpc/grpc-js';
import { VERSION } from '../../version.js';
import { sparkConnectProto, type SparkConnectServiceClient } from './proto.js';
import type { ConnectionOptions } from './url.js';

/** gRPC's default 4 MiB is too small for Arrow batches; Spark's clients use 128 MiB. */
export const DEFAULT_MAX_MESSAGE_BYTES = 128 * 1024 * 1024;

/** An open channel: the service stub and the metadata every call carries. */
export interface ConnectChannel {
  readonly stub: SparkConnectServiceClient;
  /** `host:port`, for messages. */
  readonly endpoint: string;
  /** Fresh metadata for one call (grpc-js may mutate what it is given). */
  metadata(): grpc.Metadata;
  close(): void;
}

/** Opens a channel (lazily: nothing connects until the first call). */
export function openChannel(options: ConnectionOptions, maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES): ConnectChannel {
  const endpoint = `${options.host}:${options.port}`;
  const bearer = options.token !== undefined ? `Bearer ${options.token}` : undefined;
  let credentials: grpc.ChannelCredentials;
  if (options.tls) {
    credentials = grpc.credentials.createSsl();
    if (bearer) {
      credentials = grpc.credentials.combineChannelCredentials(
        credentials,
        grpc.credentials.createFromMetadataGenerator((_params, callback) => {
          const md = new grpc.Metadata();
          md.set('authorization', bearer);
          callback(null, md);
        }),
      );
    }
  } else {
    credentials = grpc.credentials.createInsecure();
  }
  const Service = sparkConnectProto().spark.connect.SparkConnectService;
  const stub = new Service(endpoint, credentials, {
    'grpc.max_receive_message_length': maxMessageBytes,
    'grpc.max_send_message_length': maxMessageBytes,
    'grpc.primary_user_agent': `tspark/${VERSION}`,
    // Notice a dead peer on an idle long call (awaitTermination) instead of waiting forever.
    'grpc.keepalive_time_ms': 30_000,
    'grpc.keepalive_timeout_ms': 10_000,
  });
  return {
    stub,
    endpoint,
    metadata() {
      const md = new grpc.Metadata();
      for (const [k, v] of options.metadata) md.add(k, v);
      // Insecure channels cannot carry call credentials in grpc-js, so the token goes in by hand.
      if (bearer && !options.tls) md.set('authorization', bearer);
      return md;
    },
    close() {
      stub.close();
    },
  };
}
