/**
 * The iteration order of a Java `ConcurrentHashMap` (JDK 17), which Spark's HDFS-backed state
 * store uses per shuffle partition: complete and append modes emit state in this order. Only the
 * order is modelled (keys and their hashes, no values): bins by `spread(hash) & (n - 1)`, new keys
 * at a bin's tail, a removed key unlinked, and the table doubling as Java's `addCount` and
 * `transfer` do it (a bin's nodes split into the low and high bins, the run at its end kept,
 * the nodes before it prepended). Each batch's store starts as a copy of the last version's
 * (`putAll`, after `tryPresize`), the first version as a new map of 16 bins.
 */

interface Node {
  readonly key: unknown;
  readonly hash: number;
}

const MAX = 1 << 30;

function spread(h: number): number {
  return (h ^ (h >>> 16)) & 0x7fffffff;
}

function tableSizeFor(c: number): number {
  let n = 1;
  while (n < c) n *= 2;
  return Math.min(n, MAX);
}

/** The order model of one ConcurrentHashMap. */
export class JavaMapOrder {
  private table: Node[][] | null = null;
  private sizeCtl = 0;
  private count = 0;
  private readonly index = new Map<unknown, Node>();
  /**
   * True when a copy of this map would iterate as it does: a copy depends only on the keys'
   * order and count, so such a map's copies are all alike and `copy()` may hand back the map
   * itself (each batch copies every partition's map, most of them unchanged).
   */
  private stable = false;

  /** A map as `new ConcurrentHashMap()` makes it (16 bins on first put). */
  static empty(): JavaMapOrder {
    return new JavaMapOrder();
  }

  /** A copy as `new ConcurrentHashMap().putAll(m)` makes it. */
  copy(): JavaMapOrder {
    if (this.stable) return this;
    const m = new JavaMapOrder();
    m.tryPresize(this.count);
    for (const n of this.nodes()) m.putSpread(n.key, n.hash);
    m.stable = m.sameOrder(this);
    return m;
  }

  /** Same keys in the same order: then a copy of this map (built by the same puts) is identical to it. */
  private sameOrder(other: JavaMapOrder): boolean {
    if (this.count !== other.count) return false;
    const a = this.nodes();
    for (const n of other.nodes()) {
      const m = a.next().value;
      if (m === undefined || m.key !== n.key || m.hash !== n.hash) return false;
    }
    return true;
  }

  /** The number of keys. */
  get size(): number {
    return this.count;
  }

  private initTable(): void {
    const n = this.sizeCtl > 0 ? this.sizeCtl : 16;
    this.table = Array.from({ length: n }, () => []);
    this.sizeCtl = n - (n >>> 2);
  }

  private tryPresize(size: number): void {
    const c = size >= MAX >>> 1 ? MAX : tableSizeFor(size + (size >>> 1) + 1);
    for (;;) {
      const sc = this.sizeCtl;
      if (this.table === null) {
        const n = sc > c ? sc : c;
        this.table = Array.from({ length: n }, () => []);
        this.sizeCtl = n - (n >>> 2);
      } else if (c <= sc || this.table.length >= MAX) break;
      else this.transfer();
    }
  }

  private transfer(): void {
    const tab = this.table!;
    const n = tab.length;
    const next: Node[][] = Array.from({ length: n * 2 }, () => []);
    for (let i = n - 1; i >= 0; i--) {
      const bin = tab[i]!;
      if (bin.length === 0) continue;
      let runBit = bin[0]!.hash & n;
      let lastRun = 0;
      for (let p = 1; p < bin.length; p++) {
        const b = bin[p]!.hash & n;
        if (b !== runBit) {
          runBit = b;
          lastRun = p;
        }
      }
      let ln: Node[] = runBit === 0 ? bin.slice(lastRun) : [];
      let hn: Node[] = runBit !== 0 ? bin.slice(lastRun) : [];
      for (let p = 0; p < lastRun; p++) {
        const node = bin[p]!;
        if ((node.hash & n) === 0) ln = [node, ...ln];
        else hn = [node, ...hn];
      }
      next[i] = ln;
      next[i + n] = hn;
    }
    this.table = next;
    this.sizeCtl = (n << 1) - (n >>> 1);
  }

  /** Puts a key with its Java hash code (an existing key keeps its place). */
  put(key: unknown, hashCode: number): void {
    this.putSpread(key, spread(hashCode));
  }

  private putSpread(key: unknown, hash: number): void {
    if (this.index.has(key)) return;
    if (this.table === null) this.initTable();
    const tab = this.table!;
    const bin = tab[(tab.length - 1) & hash]!;
    const binCount = bin.length;
    const node = { key, hash };
    this.stable = false;
    bin.push(node);
    this.index.set(key, node);
    if (binCount >= 8 && tab.length < 64) this.tryPresize(tab.length << 1);
    this.count++;
    while (this.count >= this.sizeCtl && this.table!.length < MAX) this.transfer();
  }

  /** Removes a key (the others keep their order). */
  remove(key: unknown): void {
    const node = this.index.get(key);
    if (node === undefined) return;
    this.stable = false;
    this.index.delete(key);
    const tab = this.table!;
    const bin = tab[(tab.length - 1) & node.hash]!;
    bin.splice(bin.indexOf(node), 1);
    this.count--;
  }

  private *nodes(): IterableIterator<Node> {
    if (this.table === null) return;
    for (const bin of this.table) yield* bin;
  }

  /** The keys in the map's iteration order. */
  *keys(): IterableIterator<unknown> {
    for (const n of this.nodes()) yield n.key;
  }
}
