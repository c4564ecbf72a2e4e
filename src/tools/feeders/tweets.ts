/** `tspark feed tweets`: short posts with hashtags and mentions, for the seeds' top-hashtags window. */
import type { Feeder } from './feeder.js';

const TEXT = [
  'just shipped a new pipeline',
  'watching the game tonight',
  'coffee first, then code',
  'learning stream processing in class',
  'this demo actually works',
  'reading about windows and state',
  'my model finally converged',
  'the cluster is on fire again',
  'weekend plans: none, just data',
  'who else is at the conference',
];
const TAGS = ['#spark', '#bigdata', '#streaming', '#ai', '#python', '#typescript', '#kafka', '#data', '#cloud', '#ml', '#devops', '#nba', '#coffee', '#worldcup'];
const USERS = ['@alice', '@bob', '@carol', '@dave', '@erin', '@frank'];

/** Posts such as "coffee first, then code #spark #data @alice". */
export const tweets: Feeder = {
  name: 'tweets',
  aliases: ['hashtags'],
  summary: 'short posts with 0-3 hashtags and some @mentions (top hashtags over a window)',
  // The seeds' top hashtags: an incremental window (with its inverse function) needs a checkpoint directory.
  example:
    'ssc.checkpoint("checkpoint"); ssc.socketTextStream("localhost", 9999).flatMap(t => t.split(" ")).filter(w => w.startsWith("#")).map(h => [h, 1]).reduceByKeyAndWindow((a, b) => a + b, (a, b) => a - b, 300, 1).transform(rdd => rdd.sortBy(kv => kv[1], false)).pprint()',
  create(rng) {
    return () => {
      const parts = [rng.pick(TEXT)];
      const n = rng.weighted([
        [0, 1],
        [1, 4],
        [2, 3],
        [3, 1],
      ] as const);
      const used = new Set<string>();
      for (let i = 0; i < n; i++) {
        const tag = rng.zipf(TAGS);
        if (!used.has(tag)) parts.push(tag);
        used.add(tag);
      }
      if (rng.next() < 0.3) parts.push(rng.pick(USERS));
      return parts.join(' ');
    };
  },
};
