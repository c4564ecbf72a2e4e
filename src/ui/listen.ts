/**
 * Binding the UI's port the way Spark does: try the requested port, and when it is in use try
 * the next one, up to `spark.port.maxRetries` (16) more, so a second shell gets 4041.
 */
import type { Server } from 'node:http';
import { TsparkError } from '../engine/errors.js';

/** Spark's `spark.port.maxRetries` default. */
export const PORT_MAX_RETRIES = 16;

function listenOnce(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => {
      server.off('listening', onListening);
      reject(err);
    };
    const onListening = (): void => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/**
 * Listens on `port`, or the next free port up to `port + retries`; resolves to the bound port.
 * Port 0 asks the system for any free port (tests use it).
 */
export async function listenWithFallback(server: Server, port: number, host: string, retries = PORT_MAX_RETRIES): Promise<number> {
  const last = port === 0 ? 0 : Math.min(65535, port + retries);
  for (let p = port; p <= last; p++) {
    try {
      return await listenOnce(server, p, host);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EADDRINUSE' && code !== 'EACCES') {
        throw new TsparkError('ERR_UI_PORT', `The web UI cannot listen on ${host}:${p}: ${(err as Error).message}`, { cause: err });
      }
    }
  }
  throw new TsparkError(
    'ERR_UI_PORT',
    `The web UI found no free port from ${port} to ${last} on ${host}; choose another with --ui-port, or turn the UI off with --no-ui`,
  );
}
