// Title: Structured Streaming word count over a socket, the guide's quick example (start: npx tspark nc -lk 9999)
// Spark's Structured Streaming guide opens with this: the lines typed into netcat are an
// unbounded table; the word counts are a query on it, printed whole (complete mode) after every
// micro-batch. Run it with `npx tspark run examples/structured-wordcount.ts` (it runs until
// Ctrl-C, as the guide's query.awaitTermination() does), or `.demo structured-wordcount` in the
// shell, where `query` stays bound and Ctrl-C on an empty line stops it.

const lines = spark.readStream.format('socket').option('host', 'localhost').option('port', 9999).load();
const words = lines.select(F.explode(F.split(lines.value!, ' ')).alias('word'));
const wordCounts = words.groupBy('word').count();
const query = wordCounts.writeStream.outputMode('complete').format('console').start();

export {};
