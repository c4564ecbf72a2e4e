/**
 * The page's WebSocket: says hello, decodes each message with the shared protocol, and
 * reconnects with a growing pause when the shell goes away (it gets a fresh snapshot back).
 */
import { PROTOCOL_VERSION, WS_PATH, decodeServerMessage, encodeClientMessage, type ServerMessage } from '../protocol.js';

/** Connection states shown in the header. */
export type ConnectionStatus = { readonly kind: 'connecting' } | { readonly kind: 'live' } | { readonly kind: 'lost'; readonly reason: string };

/** Opens the socket and keeps it open; returns nothing, reports through the callbacks. */
export function connect(onMessage: (m: ServerMessage) => void, onStatus: (s: ConnectionStatus) => void): void {
  let pause = 500;
  const open = (): void => {
    onStatus({ kind: 'connecting' });
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${WS_PATH}`);
    ws.addEventListener('open', () => {
      pause = 500;
      ws.send(encodeClientMessage({ v: PROTOCOL_VERSION, type: 'hello' }));
      onStatus({ kind: 'live' });
    });
    ws.addEventListener('message', (e: MessageEvent<unknown>) => {
      if (typeof e.data !== 'string') return;
      const decoded = decodeServerMessage(e.data);
      if (decoded.ok) onMessage(decoded.message);
      else console.warn(`tspark UI: ignored a message from the server: ${decoded.error}`);
    });
    ws.addEventListener('close', (e: CloseEvent) => {
      const reason =
        e.code === 1001 ? 'the tspark shell closed' : e.reason !== '' ? e.reason : 'the tspark shell is not reachable';
      onStatus({ kind: 'lost', reason });
      setTimeout(open, pause);
      pause = Math.min(pause * 2, 5000);
    });
  };
  open();
}
