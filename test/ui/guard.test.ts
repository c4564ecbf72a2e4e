import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { hostAllowed, isLoopbackHost, originAllowed } from '../../src/ui/guard.js';

const local = { port: 4040, bindHost: '127.0.0.1' };
const exposed = { port: 4040, bindHost: '0.0.0.0' };

describe('hostAllowed', () => {
  it.each(['127.0.0.1:4040', 'localhost:4040', 'LOCALHOST:4040', '[::1]:4040', '127.0.0.2:4040'])('accepts the loopback Host %s', (host) => {
    expect(hostAllowed(host, local)).toBe(true);
  });

  it.each([
    ['evil.example:4040', 'a rebinding name'],
    ['127.0.0.1:4041', 'another port'],
    ['127.0.0.1', 'no port'],
    ['192.168.1.20:4040', 'a LAN address while bound to loopback'],
    ['', 'an empty header'],
    ['127.0.0.1:4040/x', 'a path'],
    ['user@127.0.0.1:4040', 'credentials'],
  ])('refuses %s (%s)', (host) => {
    expect(hostAllowed(host, local)).toBe(false);
  });

  it('refuses a request with no Host header', () => {
    expect(hostAllowed(undefined, local)).toBe(false);
  });

  it('accepts LAN addresses and this machine\'s name when the UI is exposed, but still not other names', () => {
    expect(hostAllowed('192.168.1.20:4040', exposed)).toBe(true);
    expect(hostAllowed(`${hostname()}:4040`, exposed)).toBe(true);
    expect(hostAllowed('evil.example:4040', exposed)).toBe(false);
  });
});

describe('originAllowed', () => {
  it('accepts the page served from the same address', () => {
    expect(originAllowed('http://127.0.0.1:4040', '127.0.0.1:4040', local)).toBe(true);
    expect(originAllowed('http://localhost:4040', 'localhost:4040', local)).toBe(true);
  });

  it.each([
    ['https://evil.example', '127.0.0.1:4040', 'another site'],
    ['http://localhost:4040', '127.0.0.1:4040', 'a different host spelling than the Host header'],
    ['http://127.0.0.1:3000', '127.0.0.1:4040', 'another port on this machine'],
    ['null', '127.0.0.1:4040', 'a sandboxed or file:// page'],
    ['http://evil.example:4040', 'evil.example:4040', 'a DNS-rebinding page, whose Host matches its Origin'],
  ])('refuses origin %s with Host %s (%s)', (origin, host) => {
    expect(originAllowed(origin, host, local)).toBe(false);
  });

  it('refuses a connection with no Origin header', () => {
    expect(originAllowed(undefined, '127.0.0.1:4040', local)).toBe(false);
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['localhost', true],
    ['::1', true],
    ['0.0.0.0', false],
    ['192.168.0.2', false],
  ])('says %s is loopback: %s', (host, yes) => expect(isLoopbackHost(host)).toBe(yes));
});
