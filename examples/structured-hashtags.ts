// Title: Top hashtags as Structured Streaming, sliding window (start: npx tspark feed tweets)
// The seeds' hashtag count (reduceByKeyAndWindow over the tweets) written as a query: each
// post's arrival time is its timestamp (includeTimestamp); hashtags are counted per 30-second
// window sliding every 10 seconds, newest window first, most frequent first (complete mode may
// sort), printed every 10 seconds. examples/hashtags.ts is the same count with DStreams.

const posts = spark.readStream.format('socket').option('host', 'localhost').option('port', 9999).option('includeTimestamp', true).load();
const tags = posts
  .select(F.explode(F.split(posts.value!, '\\s+')).alias('word'), posts.timestamp!)
  .where(F.col('word').startswith('#'))
  .select(F.lower(F.col('word')).alias('hashtag'), F.col('timestamp'));
const tagCounts = tags.groupBy(F.window(F.col('timestamp'), '30 seconds', '10 seconds'), F.col('hashtag')).count();
const topTags = tagCounts.orderBy(F.desc('window'), F.desc('count'));
const query = topTags.writeStream
  .outputMode('complete')
  .format('console').option('numRows', 5).option('truncate', false)
  .trigger({ processingTime: '10 seconds' })
  .start();

export {};
