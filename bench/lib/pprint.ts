/** pyspark's `pprint` text, for the peers, so every contender prints the same amount per batch. */

const DASHES = '-'.repeat(43);

/** "YYYY-MM-DD HH:MM:SS" in local time, as pyspark prints a batch time. */
export function formatBatchTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** The pprint block for one batch: a header and up to `num` records, `...` if there are more. */
export function pprintText(timeMs: number, records: readonly string[], more: boolean): string {
  return `${DASHES}\nTime: ${formatBatchTime(timeMs)}\n${DASHES}\n${records.join('\n')}${records.length ? '\n' : ''}${more ? '...\n' : ''}\n`;
}

/** The first `num` entries of a count map as pyspark prints pairs: `('word', 3)`. */
export function firstPairs(m: ReadonlyMap<string, number>, num = 10): { records: string[]; more: boolean } {
  const records: string[] = [];
  for (const [w, n] of m) {
    if (records.length === num) return { records, more: true };
    records.push(`('${w}', ${n})`);
  }
  return { records, more: false };
}
