/** `tspark feed logs`: web server access logs in Apache combined log format, for the seeds' URL counts. */
import type { Feeder } from './feeder.js';

const PATHS = ['/', '/index.html', '/products', '/products/42', '/products/7', '/cart', '/search?q=spark', '/login', '/about', '/blog/streaming-101', '/api/orders', '/favicon.ico', '/img/logo.png'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_2) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  'curl/8.5.0',
  'Googlebot/2.1 (+http://www.google.com/bot.html)',
];
const REFERERS = ['-', 'https://www.google.com/', 'https://example.com/', 'https://news.ycombinator.com/'];
const USERS = ['-', '-', '-', 'frank', 'maria_dev'];

/** Apache's `%t`: `[21/Nov/2026:09:53:35 +0000]` (UTC). */
function apacheTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `[${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000]`;
}

/** Lines such as `10.0.0.7 - - [21/Nov/2026:09:53:35 +0000] "GET /cart HTTP/1.1" 200 5120 "-" "curl/8.5.0"`. */
export const logs: Feeder = {
  name: 'logs',
  aliases: ['access-logs', 'apache'],
  summary: 'web access logs in Apache combined log format (count requests per URL or status)',
  example: 'ssc.socketTextStream("localhost", 9999).map(l => [l.split(" ")[6], 1]).reduceByKeyAndWindow((a, b) => a + b, null, 30, 5).pprint()',
  create(rng) {
    const hosts = Array.from({ length: 40 }, () => `${rng.between(10, 223)}.${rng.int(256)}.${rng.int(256)}.${rng.between(1, 254)}`);
    return (timeMs) => {
      const method = rng.weighted([
        ['GET', 12],
        ['POST', 2],
        ['HEAD', 1],
      ] as const);
      const status = rng.weighted([
        [200, 80],
        [304, 8],
        [301, 3],
        [404, 6],
        [500, 2],
        [503, 1],
      ] as const);
      const size = status === 304 ? '-' : String(status >= 400 ? rng.between(150, 600) : rng.between(200, 60_000));
      return `${rng.zipf(hosts)} - ${rng.pick(USERS)} ${apacheTime(timeMs)} "${method} ${rng.zipf(PATHS)} HTTP/1.1" ${status} ${size} "${rng.pick(REFERERS)}" "${rng.zipf(AGENTS)}"`;
    };
  },
};
