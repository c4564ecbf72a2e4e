/**
 * `window(timeColumn, windowDuration, slideDuration?, startTime?)`: the event-time windows a
 * timestamp falls in, as Spark's TimeWindowing computes them (in µs, W window, S slide,
 * O offset): `lastStart = t − ((t − O) mod S)`, windows `[lastStart − i·S, … + W)` for
 * `i < ceil(W / S)`, keeping those that contain t. A tumbling window gives one row; a sliding
 * one several, so it is planned as a generator below the aggregation (Spark's Expand).
 */
import type { RExpr } from '../analysis/resolved.js';
import { AnalysisException } from '../errors.js';
import { StructField, StructType, TimestampType } from '../types/data-types.js';
import { intervalMicros, parseInterval } from '../types/interval.js';
import { castArgs, literalValue } from './define.js';
import type { GeneratorFunction, ScalarFunction } from './function.js';

/** The struct type of a window column. */
export const WINDOW_STRUCT = new StructType([new StructField('start', new TimestampType(), true), new StructField('end', new TimestampType(), true)]);

function durationArg(e: RExpr | undefined, what: string, dflt: number | undefined): number {
  if (e === undefined) {
    if (dflt === undefined) throw new AnalysisException('LEGACY_ANALYSIS', { message: `window: ${what} is required` });
    return dflt;
  }
  const v = literalValue(e);
  const i = typeof v === 'string' ? parseInterval(v) : null;
  if (i === null) {
    throw new AnalysisException('LEGACY_ANALYSIS', {
      message: `[CANNOT_PARSE_INTERVAL] Unable to parse '${String(v)}'. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. If the issue persists, please double check that the input value is not null or empty and try again.`,
    });
  }
  if (i.months !== 0) throw new AnalysisException('LEGACY_ANALYSIS', { message: `Intervals greater than a month is not supported (${String(v)}).` });
  return intervalMicros(i);
}

/** The windows of one timestamp (µs): `[start, end]` pairs, oldest last as Spark emits them. */
export function windowsOf(t: number, w: number, s: number, o: number): Array<[number, number]> {
  let rem = (t - o) % s;
  if (rem < 0) rem += s;
  const lastStart = t - rem;
  const n = Math.ceil(w / s);
  const out: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) {
    const start = lastStart - i * s;
    const end = start + w;
    if (w % s === 0 || (start <= t && t < end)) out.push([start, end]);
  }
  return out;
}

/** `window(…)` as a generator of one `window` struct column. */
export const TIME_WINDOW: GeneratorFunction = {
  kind: 'generator',
  name: 'window',
  arity: [2, 4],
  resolve(args, ctx) {
    const [t] = castArgs('window', [args[0]!], ['timestamp'], ctx);
    const w = durationArg(args[1], 'windowDuration', undefined);
    const s = durationArg(args[2], 'slideDuration', w);
    const o = durationArg(args[3], 'startTime', 0);
    if (w <= 0 || s <= 0) throw new AnalysisException('LEGACY_ANALYSIS', { message: 'The window duration and slide duration must be greater than 0.' });
    if (s > w) throw new AnalysisException('LEGACY_ANALYSIS', { message: `The slide duration (${s}) must be less than or equal to the windowDuration (${w}).` });
    return { args: [t!], dataType: WINDOW_STRUCT, nullable: false, fields: [{ name: 'window', dataType: WINDOW_STRUCT, nullable: false }], extra: [w, s, o] };
  },
  gen([t], g, call, emit) {
    const [w, s, o] = call.extra as [number, number, number];
    const v = g.temp();
    const ws = g.temp();
    const i = g.temp();
    return `${v} = ${t}; if (${v} !== null) { ${ws} = ${g.constant(windowsOf)}(${v}, ${w}, ${s}, ${o}); for (${i} = 0; ${i} < ${ws}.length; ${i}++) { ${emit([`${ws}[${i}]`])} } }`;
  },
  // Spark names the column `window`.
  sql: () => 'window',
};

/**
 * `session_window(timeColumn, gapDuration)`: the session a timestamp opens, `{start: t, end: t +
 * gap}`; an aggregation grouped by it merges the sessions of a key that overlap (a start at or
 * before the current end), as Spark's MergingSessions does, so `{12:07, 12:16}` comes from 12:07
 * and 12:11 with a 5-minute gap. NULL for a NULL time.
 */
export const SESSION_WINDOW: ScalarFunction = {
  kind: 'scalar',
  name: 'session_window',
  arity: [2, 2],
  resolve(args, ctx) {
    const [t] = castArgs('session_window', [args[0]!], ['timestamp'], ctx);
    const gap = durationArg(args[1], 'gapDuration', undefined);
    if (gap <= 0) throw new AnalysisException('LEGACY_ANALYSIS', { message: `The gap duration of session_window must be greater than 0; got ${String(literalValue(args[1]!))}` });
    return { args: [t!], dataType: WINDOW_STRUCT, nullable: false, extra: gap };
  },
  gen([t], g, call) {
    return `[${t}, ${t} + ${g.literal(call.extra)}]`;
  },
  sql: () => 'session_window',
};
