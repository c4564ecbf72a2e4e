/**
 * Who may talk to the UI server. Two checks, both needed:
 * - the Host header must name this server (a loopback name, or when the UI is exposed with
 *   `--ui-host`, an address of this machine), which stops DNS-rebinding pages from reading it;
 * - a WebSocket's Origin must be this same server, so another site open in the browser cannot
 *   subscribe to the stream.
 */
import { hostname as osHostname } from 'node:os';
import { isIP } from 'node:net';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** True for the addresses that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_NAMES.has(host.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The policy for one server: the port it is on and the host it was bound to. */
export interface GuardPolicy {
  readonly port: number;
  readonly bindHost: string;
}

function hostnameAllowed(name: string, policy: GuardPolicy): boolean {
  const bare = name.startsWith('[') && name.endsWith(']') ? name.slice(1, -1) : name;
  if (isLoopbackHost(name) || isLoopbackHost(bare)) return true;
  if (isLoopbackHost(policy.bindHost)) return false;
  // Exposed to a network: people reach it by an IP address or by this machine's name.
  if (isIP(bare) !== 0) return true;
  const lower = bare.toLowerCase();
  const own = osHostname().toLowerCase();
  return lower === policy.bindHost.toLowerCase() || lower === own || lower === `${own}.local`;
}

/** Checks a Host header ("127.0.0.1:4040") against the policy. */
export function hostAllowed(hostHeader: string | undefined, policy: GuardPolicy): boolean {
  if (hostHeader === undefined || hostHeader === '') return false;
  let url: URL;
  try {
    url = new URL(`http://${hostHeader}`);
  } catch {
    return false;
  }
  if (url.pathname !== '/' || url.username !== '' || url.password !== '') return false;
  const port = url.port === '' ? 80 : Number(url.port);
  return port === policy.port && hostnameAllowed(url.hostname, policy);
}

/** Checks a WebSocket's Origin: it must be the page this server served, under the same Host. */
export function originAllowed(origin: string | undefined, hostHeader: string | undefined, policy: GuardPolicy): boolean {
  if (origin === undefined || !hostAllowed(hostHeader, policy)) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return url.protocol === 'http:' && url.host.toLowerCase() === String(hostHeader).toLowerCase();
}
