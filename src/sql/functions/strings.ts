/**
 * String functions with Spark's semantics: 1-based `substring` with negative positions, `trim`
 * of spaces only, `split` as Java's `String.split` (empty strings kept, no capture groups),
 * `regexp_extract` giving "" on no match, LIKE patterns, lengths in code points.
 */
import { AnalysisException } from '../errors.js';
import { ArrayType, BooleanType, IntegerType, StringType } from '../types/data-types.js';
import { callSql, castArgs, literalValue, scalarFn } from './define.js';
import type { ScalarFunction } from './function.js';

const STRING = new StringType();
const INT = new IntegerType();
const BOOL = new BooleanType();

const SURROGATE = /[\uD800-\uDFFF]/;

/** Number of code points (Spark counts characters, not UTF-16 units). */
export function numChars(s: string): number {
  if (!SURROGATE.test(s)) return s.length;
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Spark's `substringSQL(pos, len)` on code points. */
export function substringSQL(s: string, pos: number, len: number): string {
  const chars = SURROGATE.test(s) ? [...s] : undefined;
  const n = chars ? chars.length : s.length;
  let start = pos > 0 ? pos - 1 : pos < 0 ? n + pos : 0;
  const end = Math.min(start + len, n);
  start = Math.max(start, 0);
  if (start >= end) return '';
  return chars ? chars.slice(start, end).join('') : s.slice(start, end);
}

const regexCache = new Map<string, RegExp>();

/** A Java regex as a JavaScript RegExp (global; a leading `(?i)` / `(?s)` / `(?m)` becomes flags). */
export function javaRegex(pattern: string): RegExp {
  const hit = regexCache.get(pattern);
  if (hit) {
    hit.lastIndex = 0;
    return hit;
  }
  let flags = 'gu';
  let src = pattern;
  const m = /^\(\?([ismx]+)\)/.exec(src);
  if (m) {
    for (const f of m[1]!) if (f !== 'x' && !flags.includes(f)) flags += f;
    src = src.slice(m[0].length);
  }
  let re: RegExp;
  try {
    re = new RegExp(src, flags);
  } catch {
    re = new RegExp(src, flags.replace('u', ''));
  }
  if (regexCache.size > 1000) regexCache.clear();
  regexCache.set(pattern, re);
  return re;
}

/** Characters that make a one-character pattern a regex rather than a literal. */
const REGEX_META = '.$|()[]{}^?*+\\';

/** Java's `String.split(regex, limit)` (limit ≤ 0: all pieces, trailing empty strings kept). */
export function javaSplit(s: string, pattern: string, limit: number): string[] {
  // One literal character (the usual `split(value, " ")`): the same pieces as the regex loop.
  if (limit <= 0 && pattern.length === 1 && !REGEX_META.includes(pattern)) return s.split(pattern);
  const re = javaRegex(pattern);
  const out: string[] = [];
  let last = 0;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((limit <= 0 || out.length < limit - 1) && (m = re.exec(s)) !== null) {
    if (m[0].length === 0) {
      if (m.index >= s.length) break;
      re.lastIndex = m.index + 1;
      if (m.index === 0) continue;
    }
    out.push(s.slice(last, m.index));
    last = m.index + m[0].length;
  }
  out.push(s.slice(last));
  return out;
}

/** A SQL LIKE pattern as an anchored RegExp (`%` any run, `_` one character, `\` escapes). */
export function likeRegex(pattern: string, escape = '\\'): RegExp {
  let src = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === escape && i + 1 < pattern.length) {
      src += pattern[++i]!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else if (c === '%') src += '[\\s\\S]*';
    else if (c === '_') src += '[\\s\\S]';
    else src += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${src}$`, 'u');
}

function trimSpaces(s: string, left: boolean, right: boolean): string {
  let a = 0;
  let b = s.length;
  if (left) while (a < b && s.charCodeAt(a) === 32) a++;
  if (right) while (b > a && s.charCodeAt(b - 1) === 32) b--;
  return s.slice(a, b);
}

function trimChars(s: string, chars: string, left: boolean, right: boolean): string {
  const set = new Set(chars);
  let a = 0;
  let b = s.length;
  if (left) while (a < b && set.has(s[a]!)) a++;
  if (right) while (b > a && set.has(s[b - 1]!)) b--;
  return s.slice(a, b);
}

function pad(s: string, len: number, p: string, left: boolean): string {
  const chars = [...s];
  if (len <= chars.length) return chars.slice(0, Math.max(len, 0)).join('');
  if (p === '') return s;
  const need = len - chars.length;
  const fill = [...p];
  let padding = '';
  for (let i = 0; i < need; i++) padding += fill[i % fill.length];
  return left ? padding + s : s + padding;
}

function regexpExtract(s: string, pattern: string, idx: number): string {
  const re = javaRegex(pattern);
  re.lastIndex = 0;
  const m = re.exec(s);
  if (m === null) return '';
  if (idx >= m.length) {
    throw new AnalysisException('LEGACY_ANALYSIS', { message: `Regex group count is ${m.length - 1}, but the specified group index is ${idx}` });
  }
  return m[idx] ?? '';
}

function regexpReplace(s: string, pattern: string, rep: string, pos: number): string {
  const re = javaRegex(pattern);
  const start = Math.max(pos - 1, 0);
  // Java's replacement: `$n` groups, `\` escapes the next character.
  const jsRep = rep.replace(/\\(.)|\$(\d+)|(\$)/g, (_m, esc: string | undefined, grp: string | undefined) => (esc !== undefined ? (esc === '$' ? '$$' : esc) : grp !== undefined ? `$${grp}` : '$$'));
  return s.slice(0, start) + s.slice(start).replace(re, jsRep);
}

function initcap(s: string): string {
  return s
    .toLowerCase()
    .split(' ')
    .map((w) => (w === '' ? w : w[0]!.toUpperCase() + w.slice(1)))
    .join(' ');
}

function translate(s: string, from: string, to: string): string {
  const f = [...from];
  const t = [...to];
  const map = new Map<string, string>();
  f.forEach((c, i) => {
    if (!map.has(c)) map.set(c, t[i] ?? '');
  });
  let out = '';
  for (const c of s) out += map.has(c) ? map.get(c)! : c;
  return out;
}

/**
 * `trim`, `ltrim`, `rtrim`: with two arguments the characters come first, as Spark SQL's
 * `trim('x', 'xaxx')` (and the parser's `TRIM(BOTH 'x' FROM s)`); Spark names the call
 * `TRIM(BOTH x FROM xaxx)`.
 */
function trimFn(name: string, mode: 'BOTH' | 'LEADING' | 'TRAILING', left: boolean, right: boolean): ScalarFunction {
  return scalarFn({
    name,
    arity: [1, 2],
    // The generated code takes (string, characters): swap SQL's (characters, string).
    coerce: (args, ctx) => castArgs(name, args.length === 2 ? [args[1]!, args[0]!] : args, ['string'], ctx),
    result: STRING,
    gen: ([a, c], g) => (c === undefined ? `${g.constant(trimSpaces)}(${a}, ${left}, ${right})` : `${g.constant(trimChars)}(${a}, ${c}, ${left}, ${right})`),
    sql: ([a, c]) => (c === undefined ? `${name}(${a})` : `TRIM(${mode} ${c} FROM ${a})`),
  });
}

/** String functions by name. */
export const STRING_FUNCTIONS: ScalarFunction[] = [
  scalarFn({ name: 'lower', arity: [1, 1], inputs: ['string'], result: STRING, gen: ([a]) => `${a}.toLowerCase()` }),
  scalarFn({ name: 'upper', arity: [1, 1], inputs: ['string'], result: STRING, gen: ([a]) => `${a}.toUpperCase()` }),
  scalarFn({ name: 'lcase', arity: [1, 1], inputs: ['string'], result: STRING, gen: ([a]) => `${a}.toLowerCase()` }),
  scalarFn({ name: 'ucase', arity: [1, 1], inputs: ['string'], result: STRING, gen: ([a]) => `${a}.toUpperCase()` }),
  scalarFn({ name: 'initcap', arity: [1, 1], inputs: ['string'], result: STRING, gen: ([a], g) => `${g.constant(initcap)}(${a})` }),
  trimFn('trim', 'BOTH', true, true),
  trimFn('ltrim', 'LEADING', true, false),
  trimFn('rtrim', 'TRAILING', false, true),
  scalarFn({
    name: 'length',
    arity: [1, 1],
    inputs: ['binaryOrString'],
    result: INT,
    gen: ([a], g, call) => (call.args[0]!.dataType.kind === 'binary' ? `${a}.length` : `${g.constant(numChars)}(${a})`),
  }),
  scalarFn({ name: 'char_length', arity: [1, 1], inputs: ['string'], result: INT, gen: ([a], g) => `${g.constant(numChars)}(${a})` }),
  scalarFn({ name: 'character_length', arity: [1, 1], inputs: ['string'], result: INT, gen: ([a], g) => `${g.constant(numChars)}(${a})` }),
  scalarFn({ name: 'bit_length', arity: [1, 1], inputs: ['string'], result: INT, gen: ([a]) => `(Buffer.byteLength(${a}) * 8)` }),
  scalarFn({ name: 'octet_length', arity: [1, 1], inputs: ['string'], result: INT, gen: ([a]) => `Buffer.byteLength(${a})` }),
  scalarFn({ name: 'reverse', arity: [1, 1], inputs: ['string'], result: STRING, gen: ([a]) => `[...${a}].reverse().join("")` }),
  scalarFn({ name: 'repeat', arity: [2, 2], inputs: ['string', new IntegerType()], result: STRING, gen: ([a, n]) => `${a}.repeat(Math.max(${n}, 0))` }),
  scalarFn({
    name: 'substring',
    arity: [2, 3],
    inputs: ['string', new IntegerType(), new IntegerType()],
    result: STRING,
    gen: ([s, p, l], g) => `${g.constant(substringSQL)}(${s}, ${p}, ${l ?? '2147483647'})`,
  }),
  scalarFn({
    name: 'substr',
    arity: [2, 3],
    inputs: ['string', new IntegerType(), new IntegerType()],
    result: STRING,
    gen: ([s, p, l], g) => `${g.constant(substringSQL)}(${s}, ${p}, ${l ?? '2147483647'})`,
  }),
  scalarFn({ name: 'left', arity: [2, 2], inputs: ['string', new IntegerType()], result: STRING, gen: ([s, n], g) => `${g.constant(substringSQL)}(${s}, 1, ${n})` }),
  scalarFn({
    name: 'right',
    arity: [2, 2],
    inputs: ['string', new IntegerType()],
    result: STRING,
    gen: ([s, n], g) => `(${n} <= 0 ? "" : ${g.constant(substringSQL)}(${s}, -${n}, 2147483647))`,
  }),
  scalarFn({
    name: 'split',
    arity: [2, 3],
    inputs: ['string', 'string', new IntegerType()],
    result: new ArrayType(STRING, false),
    gen: ([s, re, lim], g) => `${g.constant(javaSplit)}(${s}, ${re}, ${lim ?? '-1'})`,
    sql: (args) => callSql('split', args.length === 2 ? [...args, '-1'] : args),
  }),
  scalarFn({
    name: 'regexp_extract',
    arity: [2, 3],
    inputs: ['string', 'string', new IntegerType()],
    result: STRING,
    gen: ([s, re, i], g) => `${g.constant(regexpExtract)}(${s}, ${re}, ${i ?? '1'})`,
    sql: (args) => callSql('regexp_extract', args.length === 2 ? [...args, '1'] : args),
  }),
  scalarFn({
    name: 'regexp_replace',
    arity: [3, 4],
    inputs: ['string', 'string', 'string', new IntegerType()],
    result: STRING,
    gen: ([s, re, rep, pos], g) => `${g.constant(regexpReplace)}(${s}, ${re}, ${rep}, ${pos ?? '1'})`,
    sql: (args) => callSql('regexp_replace', args.length === 3 ? [...args, '1'] : args),
  }),
  scalarFn({
    name: 'rlike',
    arity: [2, 2],
    inputs: ['string', 'string'],
    result: BOOL,
    gen: ([s, re], g) => `${g.constant(javaRegex)}(${re}).test((${g.constant(javaRegex)}(${re}).lastIndex = 0, ${s}))`,
    sql: (args) => callSql('RLIKE', args),
  }),
  scalarFn({
    name: 'regexp',
    arity: [2, 2],
    inputs: ['string', 'string'],
    result: BOOL,
    gen: ([s, re], g) => `${g.constant(javaRegex)}(${re}).test((${g.constant(javaRegex)}(${re}).lastIndex = 0, ${s}))`,
    sql: (args) => callSql('REGEXP', args),
  }),
  scalarFn({
    name: 'like',
    arity: [2, 3],
    inputs: ['string', 'string', 'string'],
    result: BOOL,
    gen: ([s, p, esc], g, call) => {
      const lit = literalValue(call.args[1]!);
      if (typeof lit === 'string' && esc === undefined) return `${g.constant(likeRegex(lit))}.test(${s})`;
      return `${g.constant(likeRegex)}(${p}${esc ? `, ${esc}` : ''}).test(${s})`;
    },
    sql: ([s, p]) => `${s} LIKE ${p}`,
  }),
  scalarFn({
    name: 'ilike',
    arity: [2, 3],
    inputs: ['string', 'string', 'string'],
    result: BOOL,
    gen: ([s, p], g) => `${g.constant(likeRegex)}(${p}.toLowerCase()).test(${s}.toLowerCase())`,
    sql: ([s, p]) => `ilike(${s}, ${p})`,
  }),
  scalarFn({ name: 'contains', arity: [2, 2], inputs: ['string', 'string'], result: BOOL, gen: ([a, b]) => `${a}.includes(${b})` }),
  scalarFn({ name: 'startswith', arity: [2, 2], inputs: ['string', 'string'], result: BOOL, gen: ([a, b]) => `${a}.startsWith(${b})` }),
  scalarFn({ name: 'endswith', arity: [2, 2], inputs: ['string', 'string'], result: BOOL, gen: ([a, b]) => `${a}.endsWith(${b})` }),
  scalarFn({
    name: 'instr',
    arity: [2, 2],
    inputs: ['string', 'string'],
    result: INT,
    gen: ([s, sub], g) => `(${g.constant(numChars)}(${s}.slice(0, Math.max(${s}.indexOf(${sub}), 0))) + (${s}.indexOf(${sub}) < 0 ? 0 : 1))`,
  }),
  scalarFn({
    name: 'locate',
    arity: [2, 3],
    inputs: ['string', 'string', new IntegerType()],
    result: INT,
    gen: ([sub, s, pos]) => `(${pos ?? '1'} < 1 ? 0 : ${s}.indexOf(${sub}, ${pos ?? '1'} - 1) + 1)`,
  }),
  scalarFn({
    name: 'lpad',
    arity: [2, 3],
    inputs: ['string', new IntegerType(), 'string'],
    result: STRING,
    gen: ([s, n, p], g) => `${g.constant(pad)}(${s}, ${n}, ${p ?? '" "'}, true)`,
  }),
  scalarFn({
    name: 'rpad',
    arity: [2, 3],
    inputs: ['string', new IntegerType(), 'string'],
    result: STRING,
    gen: ([s, n, p], g) => `${g.constant(pad)}(${s}, ${n}, ${p ?? '" "'}, false)`,
  }),
  scalarFn({ name: 'translate', arity: [3, 3], inputs: ['string', 'string', 'string'], result: STRING, gen: ([s, f, t], g) => `${g.constant(translate)}(${s}, ${f}, ${t})` }),
  scalarFn({ name: 'ascii', arity: [1, 1], inputs: ['string'], result: INT, gen: ([s]) => `(${s}.length === 0 ? 0 : ${s}.codePointAt(0))` }),
  scalarFn({ name: 'base64', arity: [1, 1], inputs: ['binaryOrString'], result: STRING, gen: ([s]) => `Buffer.from(${s}).toString("base64")` }),
  scalarFn({
    name: 'concat',
    arity: [0, Infinity],
    coerce: (args, ctx) => (args.length > 0 && args.every((a) => a.dataType.kind === 'array') ? [...args] : castArgs('concat', args, ['string'], ctx)),
    result: (args) => (args.length > 0 && args.every((a) => a.dataType.kind === 'array') ? args[0]!.dataType : STRING),
    gen: (args, _g, call) => {
      if (args.length === 0) return '""';
      if (call.dataType.kind === 'array') return `[].concat(${args.join(', ')})`;
      return `(${args.join(' + ')})`;
    },
  }),
  scalarFn({
    name: 'concat_ws',
    arity: [1, Infinity],
    result: STRING,
    strict: false,
    coerce: (args, ctx) => castArgs('concat_ws', args, (i) => (i > 0 && args[i]!.dataType.kind === 'array' ? 'array' : 'string'), ctx),
    nullable: (args) => args[0]!.nullable,
    gen: ([sep, ...rest], g) => {
      const parts = g.temp();
      const s = g.temp();
      const pushes = rest.map((r) => {
        const v = g.temp();
        return `(${v} = ${r}, ${v} === null ? 0 : Array.isArray(${v}) ? ${v}.forEach((x) => { if (x !== null) ${parts}.push(x); }) : ${parts}.push(${v}))`;
      });
      return `(${s} = ${sep}, ${s} === null ? null : (${parts} = [], ${pushes.length > 0 ? pushes.join(', ') + ', ' : ''}${parts}.join(${s})))`;
    },
  }),
];
