import { describe, expect, it } from 'vitest';
import { maskToken, parseConnectionString } from '../../../src/sql/connect/url.js';
import { TsparkError } from '../../../src/engine/errors.js';

function fails(url: string): TsparkError {
  try {
    parseConnectionString(url);
  } catch (e) {
    expect(e).toBeInstanceOf(TsparkError);
    return e as TsparkError;
  }
  throw new Error(`${url} parsed`);
}

describe('Spark Connect connection strings', () => {
  it('defaults the port to 15002 and needs no path or parameters', () => {
    const o = parseConnectionString('sc://myhost.com');
    expect([o.host, o.port, o.secure, o.tls, o.token, o.userId, o.sessionId]).toEqual(['myhost.com', 15002, false, false, undefined, undefined, undefined]);
    expect(parseConnectionString('sc://myhost.com/').port).toBe(15002);
  });

  it('reads host, port and the client parameters, percent-decoded', () => {
    const o = parseConnectionString(
      'sc://10.0.0.5:443/;use_ssl=true;token=ABC%3Bdef;user_id=Martin;user_agent=my%20app;session_id=550e8400-e29b-41d4-a716-446655440000',
    );
    expect(o).toMatchObject({
      host: '10.0.0.5',
      port: 443,
      secure: true,
      tls: true,
      token: 'ABC;def',
      userId: 'Martin',
      userAgent: 'my app',
      sessionId: '550e8400-e29b-41d4-a716-446655440000',
    });
    expect(o.metadata).toEqual([]);
  });

  it('turns a token on TLS, except to localhost without use_ssl (as pyspark 4)', () => {
    expect(parseConnectionString('sc://spark.example.org/;token=t')).toMatchObject({ secure: true, tls: true });
    expect(parseConnectionString('sc://localhost:15002/;token=t')).toMatchObject({ secure: true, tls: false, token: 't' });
    expect(parseConnectionString('sc://localhost/;token=t;use_ssl=TRUE')).toMatchObject({ tls: true });
    expect(parseConnectionString('sc://h/;use_ssl=false')).toMatchObject({ secure: false, tls: false });
  });

  it('takes the token from the caller when the URL has none (SPARK_CONNECT_AUTHENTICATE_TOKEN)', () => {
    expect(parseConnectionString('sc://h', { token: 'env' })).toMatchObject({ token: 'env', secure: true });
    expect(parseConnectionString('sc://h/;token=url', { token: 'env' }).token).toBe('url');
  });

  it('sends parameters it does not interpret as gRPC metadata, case kept', () => {
    expect(parseConnectionString('sc://h/;x-team=data;Region=eu').metadata).toEqual([
      ['x-team', 'data'],
      ['Region', 'eu'],
    ]);
  });

  it('masks the token wherever the URL is shown', () => {
    expect(parseConnectionString('sc://h/;token=secret;user_id=a').display).toBe('sc://h/;token=***;user_id=a');
    expect(maskToken('sc://h/;user_id=a;token=secret')).toBe('sc://h/;user_id=a;token=***');
  });

  it.each([
    ['http://localhost:15002', /must start with 'sc:\/\/'/],
    ['localhost:15002', /must start with 'sc:\/\/'/],
    ['sc://', /host is missing/],
    ['sc://:15002', /host is missing/],
    ['sc://host:port', /port 'port' must be a number from 1 to 65535/],
    ['sc://host:0', /port '0'/],
    ['sc://host:70000', /port '70000'/],
    ['sc://a:1:2', /should match the '<host>:<port>' pattern/],
    ['sc://host:15002/path', /path component '\/path' must be empty/],
    ['sc://myhost.com:443/mypathprefix/;token=AAAAAAA', /path component '\/mypathprefix\/' must be empty/],
    ['sc://host:15002/;token', /Parameter 'token' should be provided as a key-value pair/],
    ['sc://host:15002/;a=b=c', /Parameter 'a=b=c'/],
    ['sc://host:15002/;a=1;', /Parameter ''/],
    ['sc://host:15002;token=x', /Parameters must follow a '\/'/],
    ['sc://host:15002/?token=x', /query \('\?'\) or fragment/],
    ['sc://host/;session_id=nope', /\[INVALID_SESSION_UUID_ID\]/],
    ['sc://host/;bad key=1', /cannot be sent as gRPC metadata/],
    ['sc://host/;x-bin=1', /must not end in '-bin'/],
    ['sc://host/;v=%zz', /not valid percent-encoding/],
  ])('refuses %s with ERR_CONNECT_URL and says which rule', (url, message) => {
    const e = fails(url);
    expect(e.code).toBe('ERR_CONNECT_URL');
    expect(e.message).toMatch(message);
    expect(e.message).not.toContain('\n');
  });

  it('names Spark\'s error class in the message', () => {
    expect(fails('http://x').message).toMatch(/^\[INVALID_CONNECT_URL\] Invalid URL for Spark Connect: /);
  });
});
