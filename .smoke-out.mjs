// src/sql/streaming/state/java-map-order.ts
var MAX = 1 << 30;
function spread(h) {
  return (h ^ h >>> 16) & 2147483647;
}
function tableSizeFor(c2) {
  let n = 1;
  while (n < c2) n *= 2;
  return Math.min(n, MAX);
}
var JavaMapOrder = class _JavaMapOrder {
  table = null;
  sizeCtl = 0;
  count = 0;
  index = /* @__PURE__ */ new Map();
  /** A map as `new ConcurrentHashMap()` makes it (16 bins on first put). */
  static empty() {
    return new _JavaMapOrder();
  }
  /** A copy as `new ConcurrentHashMap().putAll(m)` makes it. */
  copy() {
    const m2 = new _JavaMapOrder();
    m2.tryPresize(this.count);
    for (const n of this.nodes()) m2.put(n.key, n.hash);
    return m2;
  }
  /** The number of keys. */
  get size() {
    return this.count;
  }
  initTable() {
    const n = this.sizeCtl > 0 ? this.sizeCtl : 16;
    this.table = Array.from({ length: n }, () => []);
    this.sizeCtl = n - (n >>> 2);
  }
  tryPresize(size) {
    const c2 = size >= MAX >>> 1 ? MAX : tableSizeFor(size + (size >>> 1) + 1);
    for (; ; ) {
      const sc = this.sizeCtl;
      if (this.table === null) {
        const n = sc > c2 ? sc : c2;
        this.table = Array.from({ length: n }, () => []);
        this.sizeCtl = n - (n >>> 2);
      } else if (c2 <= sc || this.table.length >= MAX) break;
      else this.transfer();
    }
  }
  transfer() {
    const tab = this.table;
    const n = tab.length;
    const next = Array.from({ length: n * 2 }, () => []);
    for (let i = n - 1; i >= 0; i--) {
      const bin = tab[i];
      if (bin.length === 0) continue;
      let runBit = bin[0].hash & n;
      let lastRun = 0;
      for (let p = 1; p < bin.length; p++) {
        const b = bin[p].hash & n;
        if (b !== runBit) {
          runBit = b;
          lastRun = p;
        }
      }
      let ln = runBit === 0 ? bin.slice(lastRun) : [];
      let hn = runBit !== 0 ? bin.slice(lastRun) : [];
      for (let p = 0; p < lastRun; p++) {
        const node = bin[p];
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
  put(key, hashCode) {
    if (this.index.has(key)) return;
    if (this.table === null) this.initTable();
    const hash = spread(hashCode);
    const tab = this.table;
    const bin = tab[tab.length - 1 & hash];
    const binCount = bin.length;
    const node = { key, hash };
    bin.push(node);
    this.index.set(key, node);
    if (binCount >= 8 && tab.length < 64) this.tryPresize(tab.length << 1);
    this.count++;
    while (this.count >= this.sizeCtl && this.table.length < MAX) this.transfer();
  }
  /** Removes a key (the others keep their order). */
  remove(key) {
    const node = this.index.get(key);
    if (node === void 0) return;
    this.index.delete(key);
    const tab = this.table;
    const bin = tab[tab.length - 1 & node.hash];
    bin.splice(bin.indexOf(node), 1);
    this.count--;
  }
  *nodes() {
    if (this.table === null) return;
    for (const bin of this.table) yield* bin;
  }
  /** The keys in the map's iteration order. */
  *keys() {
    for (const n of this.nodes()) yield n.key;
  }
};

// test/sql/streaming/hash-tmp.ts
var m = JavaMapOrder.empty();
m.put("dog05", 1630699048);
m.put("dog00", 484969053);
m.put("owl00", -317159944);
console.log([...m.keys()]);
var c = m.copy();
console.log([...c.keys()], c.table.length, c.sizeCtl);
