// Kafka: one KRaft broker (combined broker + controller) from Maven Central jars. The jars are
// resolved once per checkout into .services/cache/ (Maven's ~/.m2 is shared between checkouts);
// the store is formatted with StorageTool and the broker runs as `kafka.Kafka server.properties`.
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBinary } from './apt.mjs';
import { freePort, isAlive, run, spawnDetached } from './process.mjs';
import { kafkaMetadata } from './probes.mjs';
import { waitReady } from './ready.mjs';
import { cacheDir } from './state.mjs';

const here = join(dirname(fileURLToPath(import.meta.url)), 'kafka');
const POM = join(here, 'pom.xml');

/** Resolves the broker's jars with Maven (once; keyed by the pom's hash) and returns the lib dir. */
export async function kafkaLib() {
  const hash = createHash('sha256').update(readFileSync(POM)).digest('hex').slice(0, 12);
  const root = cacheDir(`kafka-${hash}`);
  const lib = join(root, 'lib');
  if (existsSync(join(root, 'complete'))) return lib;
  const mvn = await ensureBinary('kafka', ['mvn'], 'maven');
  process.stderr.write('kafka: resolving the broker jars with Maven (once per checkout)\n');
  // A private partial dir, renamed when complete: a run that dies half-way leaves no broken lib.
  const partial = join(root, `lib.partial-${process.pid}`);
  for (const old of readdirSync(root).filter((f) => f.startsWith('lib.partial-'))) {
    if (!isAlive(Number(old.slice('lib.partial-'.length)))) rmSync(join(root, old), { recursive: true, force: true });
  }
  // TSPARK_MAVEN_REPO points Maven at another local repository (to measure a cold ~/.m2).
  const repo = process.env.TSPARK_MAVEN_REPO ? [`-Dmaven.repo.local=${process.env.TSPARK_MAVEN_REPO}`] : [];
  await run(mvn, ['-q', '-B', ...repo, '-f', POM, 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${partial}`], {
    timeoutMs: 15 * 60_000,
  });
  if (existsSync(join(root, 'complete'))) {
    rmSync(partial, { recursive: true, force: true }); // another start finished first
    return lib;
  }
  rmSync(lib, { recursive: true, force: true });
  renameSync(partial, lib);
  writeFileSync(join(root, 'complete'), `${new Date().toISOString()}\n`);
  return lib;
}

/** A cluster id as Kafka's Uuid.randomUuid makes them: 16 random bytes, base64url, no leading '-'. */
function clusterId() {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function serverProperties({ port, controllerPort, data }) {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    `log.dirs=${data}`,
    'num.partitions=1',
    'auto.create.topics.enable=true',
    // One broker: every internal topic has one replica.
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=10',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    // Groups (external-systems.md §1): no initial delay; the classic protocol accepts session
    // timeouts down to 1 s; KIP-848 groups time a dead member out after 10 s instead of 45 s.
    'group.initial.rebalance.delay.ms=0',
    'group.min.session.timeout.ms=1000',
    'group.consumer.min.session.timeout.ms=1000',
    'group.consumer.session.timeout.ms=10000',
    'group.consumer.min.heartbeat.interval.ms=500',
    'group.consumer.heartbeat.interval.ms=1000',
    '',
  ].join('\n');
}

/** The Kafka service. */
export default {
  name: 'kafka',
  envVar: 'KAFKA_BOOTSTRAP',
  stopSignal: 'SIGTERM',
  stopGraceMs: 30_000,

  /** Resolves jars, formats the store (first start only), starts the broker, waits for Metadata. */
  async start({ dir, log, port, track, previous }) {
    const java = await ensureBinary('kafka', ['java'], 'default-jre-headless', () => (process.env.JAVA_HOME ? [join(process.env.JAVA_HOME, 'bin')] : []));
    const lib = await kafkaLib();
    const controllerPort = previous?.controllerPort ?? (await freePort());
    const data = join(dir, 'data');
    const props = join(dir, 'server.properties');
    const log4j = join(dir, 'log4j2.properties');
    writeFileSync(props, serverProperties({ port, controllerPort, data }));
    copyFileSync(join(here, 'log4j2.properties'), log4j);
    const cp = ['-cp', `${lib}/*`, `-Dlog4j2.configurationFile=${log4j}`];
    if (!existsSync(join(data, 'meta.properties'))) {
      await run(java, [...cp, 'kafka.tools.StorageTool', 'format', '-t', clusterId(), '-c', props], { timeoutMs: 120_000 });
    }
    const jvm = ['-Xms256m', '-Xmx1g', '-XX:+UseG1GC', '-Djava.awt.headless=true', `-Dkafka.logs.dir=${dir}`];
    const child = spawnDetached(java, [...jvm, ...cp, 'kafka.Kafka', props], { log, cwd: dir });
    track(child.pid);
    await waitReady(
      'kafka',
      async () => {
        const brokers = await kafkaMetadata(port, 2000);
        if (!brokers.some((b) => b.port === port)) throw new Error(`Metadata lists brokers ${JSON.stringify(brokers)}, not this one`);
      },
      { pid: child.pid, log, timeoutMs: 120_000, intervalMs: 250 },
    );
    return { pid: child.pid, address: `127.0.0.1:${port}`, extra: { controllerPort } };
  },

  /** Resolves when a Metadata request lists the broker. */
  probe(state) {
    return kafkaMetadata(state.port, 3000);
  },
};
