/**
 * One-line hints for the mistakes people bring from Python and pyspark: `print(…)`,
 * `StreamingContext(sc, 10)` without `new`, `ds.collect()` on a DStream, an unquoted host,
 * a misspelled name. Each is keyed on the error the mistake produces, so the same hint appears
 * at the prompt and under a batch error.
 */

/** What the shell can tell a hint about the session. */
export interface HintContext {
  /** Names bound at the prompt (the shell's and the user's), for "did you mean". */
  knownNames(): Iterable<string>;
  /** The value a dotted name (`ds`, `counts.stream`) refers to, if it can be read without running code. */
  valueOf(path: string): unknown;
}

const HOSTS = new Set(['localhost']);
const PYTHON_NAMES: Record<string, string> = {
  print: 'TypeScript prints with console.log(…) (pyspark: print)',
  True: 'TypeScript spells it true',
  False: 'TypeScript spells it false',
  None: 'TypeScript spells it null',
  len: 'TypeScript asks the value: xs.length',
};
const DSTREAM_ACTIONS = new Set(['collect', 'take', 'first', 'top', 'takeOrdered', 'foreach', 'collectAsMap']);

/** Levenshtein distance, capped: only small distances matter here. */
function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  // Two rows of the edit-distance table; `at` reads a cell (every index read is filled).
  const at = (row: readonly number[], j: number): number => row[j] ?? Infinity;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(at(prev, j) + 1, at(cur, j - 1) + 1, at(prev, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return at(prev, b.length);
}

function closest(name: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = name.length <= 4 ? 2 : 3;
  for (const k of known) {
    if (k === name || k.startsWith('_')) continue;
    const d = distance(name, k);
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return best;
}

function isDStream(value: unknown): boolean {
  for (let p: unknown = value; p && typeof p === 'object'; p = Object.getPrototypeOf(p)) {
    const ctor = (p as { constructor?: { name?: unknown } }).constructor;
    if (ctor?.name === 'DStream') return true;
  }
  return false;
}

function messageOf(error: unknown): { name: string; message: string } | undefined {
  if (!(error instanceof Error)) return undefined;
  return { name: error.name, message: error.message };
}

/** The hint for `error`, without the leading "hint: "; undefined when there is none. */
export function hintFor(error: unknown, ctx?: HintContext): string | undefined {
  const e = messageOf(error);
  if (!e) return undefined;
  return hintForText(e.name, e.message, ctx);
}

/** As {@link hintFor}, from an error's name and message (batch reports carry only text). */
export function hintForText(name: string, message: string, ctx?: HintContext): string | undefined {
  const n = /^(\S+) is not defined$/.exec(message)?.[1];
  if (name === 'ReferenceError' && n !== undefined) {
    if (PYTHON_NAMES[n]) return PYTHON_NAMES[n];
    if (HOSTS.has(n)) return `a host name is a string: did you mean "${n}"?`;
    const near = ctx ? closest(n, ctx.knownNames()) : undefined;
    return near ? `did you mean ${near}?` : undefined;
  }
  const cls = /^Class constructor (\w+) cannot be invoked without 'new'$/.exec(message)?.[1];
  if (name === 'TypeError' && cls !== undefined) {
    if (cls === 'StreamingContext') {
      return "write new StreamingContext(sc, 10); the shell's ssc already exists (tspark --batch 10 makes it with a 10 s interval)";
    }
    if (cls === 'SparkContext') return "write new SparkContext(…); the shell's sc already exists";
    return `write new ${cls}(…)`;
  }
  const [, receiver, method] = /^(.+)\.(\w+) is not a function$/.exec(message) ?? [];
  if (name === 'TypeError' && receiver !== undefined && method !== undefined && DSTREAM_ACTIONS.has(method)) {
    const value = ctx && /^[\w$]+(\.[\w$]+)*$/.test(receiver) ? ctx.valueOf(receiver) : undefined;
    const advice = `use .pprint() to print each batch, or .foreachRDD((rdd) => … rdd.${method}() …) to work on each batch's RDD`;
    if (isDStream(value)) return `a DStream has no ${method}(): ${advice}`;
    if (value === undefined && /Stream|\)$/.test(receiver)) return `if this is a DStream: it has no ${method}(); ${advice}`;
  }
  return undefined;
}

/** Hints found in the source of an entry that did not parse (Python syntax). */
export function hintForSource(source: string): string | undefined {
  const lambdaParams = /\blambda\s+([\w\s,]*):/.exec(source)?.[1];
  if (lambdaParams !== undefined) {
    const params = lambdaParams.trim();
    return `TypeScript has no lambda: write (${params}) => … instead of lambda ${params}: …`;
  }
  if (/^\s*(def|from\s+\S+\s+import)\b/m.test(source)) return 'this looks like Python; tspark speaks TypeScript (see README, "pyspark → tspark")';
  return undefined;
}

/** The one line shown when a pasted program declares a name the shell binds (`const sc = new SparkContext(…)`). */
export function shellBindingMessage(name: string): string | undefined {
  if (name === 'sc' || name === 'ssc') {
    return (
      'sc and ssc already exist in the shell, as in the pyspark shell: leave out `const sc = …` and `const ssc = …` and use them ' +
      '(tspark --batch N sets the interval of ssc; a context of your own needs another name, e.g. const ssc10 = new StreamingContext(sc, 10))'
    );
  }
  if (/^[A-Z]/.test(name)) return `${name} is bound by the shell already (the running tspark's): use it as it is, or import it under another name`;
  return undefined;
}

/** Reads a dotted name (`ds`, `counts.stream`) from the global object without running user code beyond getters. */
export function readGlobalPath(path: string): unknown {
  let value: unknown = globalThis;
  try {
    for (const part of path.split('.')) {
      if (value === null || value === undefined) return undefined;
      value = (value as Record<string, unknown>)[part];
    }
  } catch {
    return undefined;
  }
  return value;
}
