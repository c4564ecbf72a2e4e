/**
 * A small seeded random generator (mulberry32) for the demo feeders: the same seed gives the
 * same data on every machine, which `Math.random` cannot promise.
 */

/** A deterministic source of random choices. */
export class Random {
  private state: number;

  /** `seed` may be any integer or text (text is hashed). */
  constructor(seed: number | string) {
    this.state = typeof seed === 'number' ? seed >>> 0 : hashText(seed);
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  /** Any item of `items`, each equally likely. */
  pick<T>(items: readonly T[]): T {
    return itemAt(items, this.int(items.length));
  }

  /** An item of `items` where the k-th is about 1/(k+1) as likely as the first (Zipf), as word and tag counts are. */
  zipf<T>(items: readonly T[]): T {
    const total = harmonic(items.length);
    let r = this.next() * total;
    for (let k = 0; k < items.length; k++) {
      r -= 1 / (k + 1);
      if (r < 0) return itemAt(items, k);
    }
    return itemAt(items, items.length - 1);
  }

  /** An item chosen with the given weights. */
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return itemAt(items, items.length - 1)[0];
  }

  /** A normally distributed number (Box–Muller). */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}

const harmonics = new Map<number, number>();
function harmonic(n: number): number {
  let h = harmonics.get(n);
  if (h === undefined) {
    h = 0;
    for (let k = 1; k <= n; k++) h += 1 / k;
    harmonics.set(n, h);
  }
  return h;
}

/** FNV-1a: text seeds such as "class-3" become a 32-bit state. */
function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** `items[i]`, for an `i` drawn inside the list (the feeders' word lists are never empty). */
function itemAt<T>(items: readonly T[], i: number): T {
  return items[i] as T;
}
