/** `tspark feed words`: short English sentences for word count, with a few words far more common than the rest. */
import type { Feeder } from './feeder.js';

const DET = ['the', 'a', 'every', 'one', 'this', 'that', 'some', 'no'];
const ADJ = ['quick', 'lazy', 'big', 'small', 'red', 'happy', 'old', 'new', 'bright', 'quiet', 'fast', 'clever'];
const NOUN = ['spark', 'stream', 'cat', 'dog', 'student', 'teacher', 'river', 'data', 'batch', 'window', 'fox', 'cluster', 'socket', 'word'];
const VERB = ['sees', 'likes', 'counts', 'follows', 'reads', 'jumps over', 'finds', 'sends', 'joins', 'watches'];
const TAIL = ['', '', '', 'today', 'again', 'in the park', 'every second', 'at night', 'on the screen'];

/** Sentences such as "the quick fox jumps over a lazy dog". */
export const words: Feeder = {
  name: 'words',
  aliases: ['sentences', 'wordcount'],
  summary: 'short English sentences, some words much more frequent than others (word count)',
  example:
    'ssc.socketTextStream("localhost", 9999).flatMap(l => l.split(" ")).map(w => [w, 1]).reduceByKey((a, b) => a + b).pprint()',
  create(rng) {
    return () => {
      const parts = [rng.zipf(DET), rng.zipf(ADJ), rng.zipf(NOUN), rng.zipf(VERB), rng.zipf(DET), rng.zipf(NOUN), rng.pick(TAIL)];
      if (rng.next() < 0.4) parts.splice(5, 0, rng.zipf(ADJ));
      return parts.filter((p) => p !== '').join(' ');
    };
  },
};
