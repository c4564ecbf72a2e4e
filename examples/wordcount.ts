// Title: Word count over a socket (start: npx tspark nc -lk 9999)
// The classroom's first streaming program: every batch, count the words typed into netcat.
// Run it with `npx tspark run examples/wordcount.ts`, or type `.demo wordcount` in the shell.

const lines = ssc.socketTextStream('localhost', 9999);
const words = lines.flatMap((line) => line.split(' '));
const pairs = words.map((word): [string, number] => [word, 1]);
const wordCounts = pairs.reduceByKey((a, b) => a + b);
wordCounts.pprint();
ssc.start();

export {};
