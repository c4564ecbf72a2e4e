/**
 * A remote session's link to its server: the transport worker (gRPC lives there), the session
 * it opened, and the server's Spark version, asked once when the session is made so that a
 * server that is down, a wrong URL or a refused token fail there with one line.
 */
import type { ConnectClientOptions } from '../client.js';
import { parseConnectionString, type ConnectionOptions } from '../url.js';
import { TransportBridge } from '../sync/bridge.js';
import type { OpenedSession } from '../sync/protocol.js';

/** What a remote session needs to reach its server. */
export class RemoteConnection {
  /** The parsed URL (display form masks the token). */
  readonly options: ConnectionOptions;
  readonly session: OpenedSession;
  /** The server's Spark version, e.g. `4.0.5`. */
  readonly sparkVersion: string;
  private closed = false;

  private constructor(
    readonly url: string,
    readonly bridge: TransportBridge,
    readonly clientOptions: ConnectClientOptions,
  ) {
    this.options = parseConnectionString(url, { token: clientOptions.defaultToken });
    this.session = bridge.call('open', url, clientOptions);
    this.sparkVersion = bridge.call('sparkVersion');
  }

  /**
   * Opens a session on the server at `url` and checks that it answers; throws ERR_CONNECT_URL,
   * ERR_CONNECT_UNAVAILABLE or ERR_CONNECT_AUTH (the transport is ended then).
   */
  static open(url: string, clientOptions: ConnectClientOptions = {}): RemoteConnection {
    // A bad URL fails before a worker is started.
    parseConnectionString(url, { token: clientOptions.defaultToken });
    const bridge = new TransportBridge();
    try {
      return new RemoteConnection(url, bridge, clientOptions);
    } catch (e) {
      void bridge.terminate();
      throw e;
    }
  }

  /** `host:port` of the server. */
  get endpoint(): string {
    return this.session.endpoint;
  }

  /** True after `close()`. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Ends the server session (its temp views, confs and queries go) and the transport. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.bridge.call('releaseSession');
    } catch {
      // The server may already be gone; the transport still ends.
    } finally {
      void this.bridge.terminate();
    }
  }
}
