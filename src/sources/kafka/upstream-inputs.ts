/**
 * Which direct Kafka streams a stream reads from, directly or through other streams: a Kafka
 * sink downstream of a consumer-group stream must write nothing for a batch whose partitions
 * moved (kafka-sink.ts), so it looks its inputs up here.
 */
import type { StreamNode } from '../../engine/dstream/stream-node.js';
import type { DirectKafkaInput } from './direct-input.js';

/** The direct stream behind each input node. */
const byNode = new WeakMap<StreamNode<unknown>, DirectKafkaInput>();

/** Records `input` as the direct stream behind `node`. */
export function registerKafkaInput(node: StreamNode<unknown>, input: DirectKafkaInput): void {
  byNode.set(node, input);
}

/** The direct streams `node` reads from, directly or through other streams. */
export function upstreamKafkaInputs(node: StreamNode<unknown>): DirectKafkaInput[] {
  const out = new Set<DirectKafkaInput>();
  const seen = new Set<StreamNode<unknown>>();
  const walk = (n: StreamNode<unknown>): void => {
    if (seen.has(n)) return;
    seen.add(n);
    const input = byNode.get(n);
    if (input) out.add(input);
    for (const p of n.spec.parents) walk(p);
  };
  walk(node);
  return [...out];
}
