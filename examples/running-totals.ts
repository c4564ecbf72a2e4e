// Title: Running totals per word (start: npx tspark nc -lk 9999)
// Keeps a total per word across batches; state needs a checkpoint directory, as in Spark.

ssc.checkpoint('checkpoint');
const input = ssc.socketTextStream('localhost', 9999);
const totals = input
  .flatMap((line) => line.split(' ').filter((w) => w !== ''))
  .map((word): [string, number] => [word, 1])
  .updateStateByKey((counts: number[], total: number | undefined) => counts.reduce((a, b) => a + b, total ?? 0));
totals.pprint();
ssc.start();

export {};
