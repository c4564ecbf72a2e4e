/**
 * pyspark pickles records between stages, so a user function that mutates a record can never
 * change data that was stored earlier (a cached RDD, a queued batch, a shuffle's output, the
 * state of updateStateByKey). We hand out copies of stored objects instead. Primitives (the
 * usual strings and numbers) are returned as they are, so the common case costs one `typeof`.
 */
export function copyRecord<T>(value: T): T {
  return typeof value === 'object' && value !== null ? (deepCopy(value, new Map()) as T) : value;
}

function deepCopy(v: unknown, seen: Map<object, unknown>): unknown {
  if (typeof v !== 'object' || v === null) return v;
  const known = seen.get(v);
  if (known !== undefined) return known;
  if (Array.isArray(v)) {
    const out: unknown[] = new Array(v.length);
    seen.set(v, out);
    for (let i = 0; i < v.length; i++) out[i] = deepCopy(v[i], seen);
    return out;
  }
  if (v instanceof Date) return new Date(v.getTime());
  if (v instanceof Map) {
    const out = new Map();
    seen.set(v, out);
    for (const [k, x] of v) out.set(deepCopy(k, seen), deepCopy(x, seen));
    return out;
  }
  if (v instanceof Set) {
    const out = new Set();
    seen.set(v, out);
    for (const x of v) out.add(deepCopy(x, seen));
    return out;
  }
  if (ArrayBuffer.isView(v)) {
    const view = v as unknown as { slice(): unknown };
    return typeof view.slice === 'function' ? view.slice() : v;
  }
  if (v instanceof RegExp || v instanceof Promise || v instanceof WeakMap || v instanceof WeakSet) return v;
  // Plain objects and class instances: same prototype, own enumerable properties copied.
  const out = Object.create(Object.getPrototypeOf(v) as object | null) as Record<PropertyKey, unknown>;
  seen.set(v, out);
  for (const k of Reflect.ownKeys(v)) {
    const d = Object.getOwnPropertyDescriptor(v, k);
    if (!d) continue;
    if ('value' in d) d.value = deepCopy(d.value, seen);
    Object.defineProperty(out, k, d);
  }
  return out;
}
