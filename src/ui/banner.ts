/**
 * What the shell prints about the web UI under its banner, as Spark's shell does ("Spark context
 * Web UI available at …"), plus the two things a user must know: the port moved, or the UI is
 * open to the network.
 */
import { isLoopbackHost } from './guard.js';

/** The parts of a started UI server the banner needs. */
export interface BannerFacts {
  readonly url: string;
  readonly port: number;
  readonly requestedPort: number;
  readonly host: string;
}

/** The lines to print, in order; the shell decides colours. */
export function uiBannerLines(server: BannerFacts): string[] {
  const lines: string[] = [];
  if (server.requestedPort !== 0 && server.port !== server.requestedPort) {
    lines.push(`Port ${server.requestedPort} is in use, so the web UI is on port ${server.port} instead.`);
  }
  lines.push(`Spark context Web UI available at ${server.url}`);
  if (!isLoopbackHost(server.host)) {
    lines.push(
      `Warning: the web UI listens on ${server.host}, so anyone on this network can open it and see your stream's data and errors. ` +
        `Start with --ui-host 127.0.0.1 to keep it on this machine.`,
    );
  }
  return lines;
}
