/**
 * Kafka in the shell's session: `KafkaUtils` is bound like `sc` and `ssc`, and `.doctor` explains
 * a direct stream that reads nothing because its offsets start at latest (the topic's older
 * records are skipped), as a user meets it in class.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { KafkaUtils as KafkaUtilsType } from '../../../src/index.js';
import { diagnose, formatDiagnosis } from '../../../src/repl/doctor.js';
import { createEngineSession, type EngineSession } from '../../../src/repl/engine-session.js';
import { createTopic, kafkaBootstrap, produce, uniqueTopic } from '../../support/kafka.js';
import { waitFor } from '../../support/wait.js';

let bootstrap = '';
let session: EngineSession | undefined;

beforeAll(async () => {
  bootstrap = await kafkaBootstrap();
}, 600_000);

afterEach(async () => {
  await session?.close();
  session = undefined;
});

describe('Kafka in the shell session', () => {
  it('binds KafkaUtils, and .doctor says why a stream from latest offsets reads nothing', async () => {
    const topic = uniqueTopic('shell');
    await createTopic(bootstrap, topic, 1);
    await produce(bootstrap, topic, [{ value: 'written before the start' }]);
    let out = '';
    const s = (session = createEngineSession({ master: 'local[2]', batchSeconds: 0.2, out: (t) => (out += t) }));
    const KafkaUtils = s.bindings.get('KafkaUtils')?.() as typeof KafkaUtilsType;
    expect(typeof KafkaUtils.createDirectStream).toBe('function');
    expect(s.bindings.get('SparkConf')?.()).toBeDefined();
    KafkaUtils.createDirectStream(s.ssc, [topic], { 'metadata.broker.list': bootstrap }).pprint();
    s.ssc.start();
    await waitFor(() => s.facts().recentBatches.length >= 2 && s.facts().sources[0]?.state === 'connected', 'two batches on a connected source', 20_000);
    const findings = diagnose(s.facts());
    expect(findings.map((f) => f.id)).toContain('kafka-latest');
    expect(formatDiagnosis(findings)).toContain(`kafka ${topic} @ ${bootstrap} has read nothing: its offsets start at latest`);
    expect(out).toContain(`reading ${topic} from the latest offsets (records written from now on)`);
  }, 60_000);
});
