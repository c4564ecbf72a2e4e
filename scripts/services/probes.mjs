// Real protocol requests that tell a server is ready: a port that accepts connections is not
// enough (Kafka opens its socket before it has a controller, PostgreSQL before recovery ends).
// Each probe speaks a few bytes of the server's own protocol, with Node built-ins only.
import { connect } from 'node:net';
import { connect as h2connect } from 'node:http2';
import { randomUUID } from 'node:crypto';

/**
 * Writes `payload` to 127.0.0.1:port and resolves with the bytes received once `complete(buf)`
 * returns a value other than undefined; rejects on error, close or `timeoutMs`.
 */
function exchange(port, payload, complete, timeoutMs = 3000) {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let buf = Buffer.alloc(0);
    const done = (err, value) => {
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve(value);
    };
    const timer = setTimeout(() => done(new Error(`no answer on port ${port} within ${timeoutMs} ms`)), timeoutMs);
    socket.on('connect', () => socket.write(payload));
    socket.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      let value;
      try {
        value = complete(buf);
      } catch (err) {
        done(err);
        return;
      }
      if (value !== undefined) done(undefined, value);
    });
    socket.on('error', (err) => done(err));
    socket.on('close', () => done(new Error(`port ${port} closed the connection`)));
  });
}

// ---- Kafka: ApiVersions (to pick a Metadata version the broker serves), then Metadata ----

function kafkaRequest(apiKey, version, body) {
  const clientId = Buffer.from('tspark-services');
  const header = Buffer.alloc(10);
  header.writeInt16BE(apiKey, 0);
  header.writeInt16BE(version, 2);
  header.writeInt32BE(1, 4); // correlation id
  header.writeInt16BE(clientId.length, 8);
  const size = Buffer.alloc(4);
  size.writeInt32BE(header.length + clientId.length + body.length);
  return Buffer.concat([size, header, clientId, body]);
}

function kafkaFrame(buf) {
  if (buf.length < 4) return undefined;
  const size = buf.readInt32BE(0);
  return buf.length >= 4 + size ? buf.subarray(4, 4 + size) : undefined;
}

/** Kafka: a Metadata request that lists at least one broker. Resolves with the brokers. */
export async function kafkaMetadata(port, timeoutMs) {
  const versions = await exchange(port, kafkaRequest(18, 0, Buffer.alloc(0)), kafkaFrame, timeoutMs);
  const errorCode = versions.readInt16BE(4);
  if (errorCode !== 0) throw new Error(`Kafka ApiVersions error ${errorCode}`);
  let range;
  for (let i = 0, off = 10, n = versions.readInt32BE(6); i < n; i++, off += 6) {
    if (versions.readInt16BE(off) === 3) range = [versions.readInt16BE(off + 2), versions.readInt16BE(off + 4)];
  }
  if (!range) throw new Error('the broker offers no Metadata API');
  // Versions 4-7 share one non-flexible layout, which is all this probe encodes.
  const version = Math.min(7, range[1]);
  if (version < Math.max(4, range[0])) throw new Error(`broker serves Metadata v${range[0]}-v${range[1]}; the probe speaks v4-v7`);
  const body = Buffer.from([0, 0, 0, 0, 0]); // no topics; allow_auto_topic_creation=false
  const res = await exchange(port, kafkaRequest(3, version, body), kafkaFrame, timeoutMs);
  const count = res.readInt32BE(8); // after correlation id and throttle_time_ms
  let off = 12;
  const brokers = [];
  for (let i = 0; i < count; i++) {
    const nodeId = res.readInt32BE(off);
    const hostLen = res.readInt16BE(off + 4);
    const host = res.toString('utf8', off + 6, off + 6 + hostLen);
    const brokerPort = res.readInt32BE(off + 6 + hostLen);
    const rackLen = res.readInt16BE(off + 10 + hostLen);
    off += 12 + hostLen + Math.max(0, rackLen);
    brokers.push({ nodeId, host, port: brokerPort });
  }
  if (brokers.length === 0) throw new Error('the broker lists no brokers yet');
  return brokers;
}

// ---- Redis: PING ----

/** Redis: PING answered with PONG. */
export async function redisPing(port, timeoutMs) {
  const reply = await exchange(port, '*1\r\n$4\r\nPING\r\n', (b) => (b.includes('\r\n') ? b.toString() : undefined), timeoutMs);
  if (!reply.startsWith('+PONG')) throw new Error(`Redis answered ${JSON.stringify(reply.trim())} to PING`);
}

// ---- MQTT: CONNECT (3.1.1, clean session) answered by CONNACK accepted ----

/** MQTT: a CONNECT answered by an accepting CONNACK. */
export async function mqttConnack(port, timeoutMs) {
  const clientId = Buffer.from(`tspark-probe-${process.pid}`);
  const variable = Buffer.from([0, 4, 0x4d, 0x51, 0x54, 0x54, 4, 0x02, 0, 10]);
  const rest = Buffer.concat([variable, Buffer.from([clientId.length >> 8, clientId.length & 0xff]), clientId]);
  const packet = Buffer.concat([Buffer.from([0x10, rest.length]), rest, Buffer.from([0xe0, 0])]);
  const ack = await exchange(port, packet, (b) => (b.length >= 4 ? b : undefined), timeoutMs);
  if (ack[0] !== 0x20 || ack[3] !== 0) throw new Error(`MQTT CONNACK refused (bytes ${ack.subarray(0, 4).toString('hex')})`);
}

// ---- PostgreSQL: a startup message answered by an authentication request ----

/** PostgreSQL: a StartupMessage answered with an authentication request (not "starting up"). */
export async function postgresStartup(port, user, database, timeoutMs) {
  const params = Buffer.from(`user\0${user}\0database\0${database}\0\0`);
  const head = Buffer.alloc(8);
  head.writeInt32BE(8 + params.length, 0);
  head.writeInt32BE(196608, 4); // protocol 3.0
  const reply = await exchange(port, Buffer.concat([head, params]), (b) => (b.length >= 5 && b.length >= 1 + b.readInt32BE(1) ? b : undefined), timeoutMs);
  if (reply[0] === 0x52) return; // 'R': the server asks for a password, so it accepts sessions
  if (reply[0] === 0x45) {
    const fields = reply.toString('utf8', 5).split('\0');
    const message = fields.find((f) => f.startsWith('M'))?.slice(1) ?? 'error';
    throw new Error(`PostgreSQL: ${message}`);
  }
  throw new Error(`PostgreSQL answered an unexpected message type ${String.fromCharCode(reply[0])}`);
}

// ---- Spark Connect: a real gRPC call (AnalyzePlan / SparkVersion) over HTTP/2 ----

function varint(n) {
  const out = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return Buffer.from(out);
}

function field(num, bytes) {
  return Buffer.concat([varint((num << 3) | 2), varint(bytes.length), bytes]);
}

/** Reads the length-delimited field `num` of a protobuf message, or undefined. */
function readField(msg, num) {
  let off = 0;
  const readVarint = () => {
    let n = 0;
    let shift = 0;
    for (;;) {
      const b = msg[off++];
      n += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return n;
      shift += 7;
    }
  };
  while (off < msg.length) {
    const tag = readVarint();
    const wire = tag & 7;
    if (wire === 2) {
      const len = readVarint();
      if (tag >>> 3 === num) return msg.subarray(off, off + len);
      off += len;
    } else if (wire === 0) readVarint();
    else if (wire === 1) off += 8;
    else if (wire === 5) off += 4;
    else return undefined;
  }
  return undefined;
}

/** Spark Connect: AnalyzePlan(spark_version) over gRPC. Resolves with Spark's version. */
export function sparkConnectVersion(port, timeoutMs = 10_000, token = undefined) {
  // AnalyzePlanRequest{session_id=1, user_context=2{user_id=1}, client_type=3, spark_version=10{}}
  const request = Buffer.concat([
    field(1, Buffer.from(randomUUID())),
    field(2, field(1, Buffer.from('tspark-services'))),
    field(3, Buffer.from('tspark-services-probe')),
    field(10, Buffer.alloc(0)),
  ]);
  const framed = Buffer.alloc(5 + request.length);
  framed.writeUInt32BE(request.length, 1);
  request.copy(framed, 5);
  return new Promise((resolve, reject) => {
    const session = h2connect(`http://127.0.0.1:${port}`);
    const timer = setTimeout(() => finish(new Error(`no gRPC answer on port ${port} within ${timeoutMs} ms`)), timeoutMs);
    let finished = false;
    function finish(err, value) {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      session.destroy();
      if (err) reject(err);
      else resolve(value);
    }
    session.on('error', (err) => finish(err));
    const stream = session.request({
      ':method': 'POST',
      ':path': '/spark.connect.SparkConnectService/AnalyzePlan',
      'content-type': 'application/grpc',
      te: 'trailers',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    });
    const chunks = [];
    let status;
    let message = '';
    stream.on('response', (headers) => {
      if (headers['grpc-status'] !== undefined) status = String(headers['grpc-status']);
    });
    stream.on('trailers', (trailers) => {
      status = String(trailers['grpc-status']);
      message = decodeURIComponent(String(trailers['grpc-message'] ?? ''));
    });
    stream.on('data', (c) => chunks.push(c));
    stream.on('error', (err) => finish(err));
    stream.on('end', () => {
      if (status !== '0') return finish(new Error(`Spark Connect answered gRPC status ${status}${message ? `: ${message}` : ''}`));
      const body = Buffer.concat(chunks).subarray(5);
      const version = readField(readField(body, 8) ?? Buffer.alloc(0), 1);
      if (!version) return finish(new Error('Spark Connect answered without a Spark version'));
      finish(undefined, version.toString('utf8'));
    });
    stream.end(framed);
  });
}
