// Title: Top hashtags, sliding window (start: npx tspark feed tweets)
// Counts hashtags over the last 30 seconds, every 10 seconds, and prints the most frequent.

const posts = ssc.socketTextStream('localhost', 9999);
const tags = posts.flatMap((post) => post.split(/\s+/).filter((w) => w.startsWith('#')));
const tagCounts = tags
  .map((tag): [string, number] => [tag.toLowerCase(), 1])
  .reduceByKeyAndWindow((a, b) => a + b, null, 30, 10);
const topTags = tagCounts.transform((rdd) => rdd.sortBy(([, n]) => n, false));
topTags.pprint(5);
ssc.start();

export {};
