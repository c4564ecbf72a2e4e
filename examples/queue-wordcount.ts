// Title: Word count over a queue of batches (no network needed)
// The same pipeline as the socket word count, fed from queueStream: one list of lines per batch.

const batches = [
  ['I like spark', 'you like python', 'he like java'],
  ['spark streaming in typescript'],
  ['like like like'],
];
const queued = ssc.queueStream(batches);
const queuedCounts = queued
  .flatMap((line) => line.split(' '))
  .map((word): [string, number] => [word, 1])
  .reduceByKey((a, b) => a + b);
queuedCounts.pprint();
ssc.start();

export {};
