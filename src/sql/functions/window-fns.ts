/**
 * Ranking and offset window functions over one sorted partition: `row_number`, `rank`,
 * `dense_rank`, `percent_rank`, `cume_dist`, `ntile`, `lag`, `lead`, `nth_value`.
 */
import { implicitCastTo } from '../analysis/coercion.js';
import { DoubleType, IntegerType } from '../types/data-types.js';
import { callSql, literalValue } from './define.js';
import type { WindowFunction } from './function.js';

const INT = new IntegerType();
const DOUBLE = new DoubleType();

function ranking(name: string, dataType: IntegerType | DoubleType, fill: (n: number, rankOf: number[], denseOf: number[], out: unknown[], peersEnd: number[]) => void): WindowFunction {
  return {
    kind: 'window',
    name,
    arity: [0, 0],
    resolve: () => ({ args: [], dataType, nullable: false }),
    compute(rows, _args, samePeer, out) {
      const n = rows.length;
      const rank: number[] = new Array(n);
      const dense: number[] = new Array(n);
      const peersEnd: number[] = new Array(n);
      let r = 1;
      let d = 1;
      for (let i = 0; i < n; i++) {
        if (i > 0 && !samePeer(i - 1, i)) {
          r = i + 1;
          d++;
        }
        rank[i] = r;
        dense[i] = d;
      }
      for (let i = n - 1; i >= 0; i--) peersEnd[i] = i === n - 1 || !samePeer(i, i + 1) ? i + 1 : peersEnd[i + 1]!;
      fill(n, rank, dense, out, peersEnd);
    },
  };
}

function offset(name: 'lag' | 'lead'): WindowFunction {
  return {
    kind: 'window',
    name,
    arity: [1, 3],
    resolve(args) {
      const off = args[1] === undefined ? 1 : Number(literalValue(args[1]));
      const dflt = args[2] === undefined ? undefined : implicitCastTo(args[2], args[0]!.dataType);
      return { args: dflt ? [args[0]!, dflt] : [args[0]!], dataType: args[0]!.dataType, nullable: true, extra: off };
    },
    compute(rows, args, _peer, out, call) {
      const off = Number(call.extra ?? 1) * (name === 'lag' ? -1 : 1);
      const value = args[0]!;
      const dflt = args[1];
      for (let i = 0; i < rows.length; i++) {
        const j = i + off;
        out[i] = j >= 0 && j < rows.length ? value(rows[j]!) : dflt ? dflt(rows[i]!) : null;
      }
    },
    sql: (args, call) => callSql(name, [args[0]!, String(call.extra ?? 1), args[1] ?? 'NULL']),
  };
}

/** Every ranking / offset window function by name. */
export const WINDOW_FUNCTIONS: WindowFunction[] = [
  ranking('row_number', INT, (n, _r, _d, out) => {
    for (let i = 0; i < n; i++) out[i] = i + 1;
  }),
  ranking('rank', INT, (n, r, _d, out) => {
    for (let i = 0; i < n; i++) out[i] = r[i];
  }),
  ranking('dense_rank', INT, (n, _r, d, out) => {
    for (let i = 0; i < n; i++) out[i] = d[i];
  }),
  ranking('percent_rank', DOUBLE, (n, r, _d, out) => {
    for (let i = 0; i < n; i++) out[i] = n <= 1 ? 0 : (r[i]! - 1) / (n - 1);
  }),
  ranking('cume_dist', DOUBLE, (n, _r, _d, out, end) => {
    for (let i = 0; i < n; i++) out[i] = end[i]! / n;
  }),
  {
    kind: 'window',
    name: 'ntile',
    arity: [1, 1],
    resolve: (args) => ({ args: [], dataType: INT, nullable: true, extra: Number(literalValue(args[0]!)) }),
    compute(rows, _a, _p, out, call) {
      const buckets = Number(call.extra);
      const n = rows.length;
      const size = Math.floor(n / buckets);
      const extra = n % buckets;
      let i = 0;
      for (let b = 1; b <= buckets && i < n; b++) {
        const len = size + (b <= extra ? 1 : 0);
        for (let k = 0; k < len; k++) out[i++] = b;
      }
    },
  },
  offset('lag'),
  offset('lead'),
  {
    kind: 'window',
    name: 'nth_value',
    arity: [2, 3],
    resolve: (args) => ({ args: [args[0]!], dataType: args[0]!.dataType, nullable: true, extra: Number(literalValue(args[1]!)) }),
    compute(rows, args, _p, out, call) {
      const k = Number(call.extra);
      for (let i = 0; i < rows.length; i++) out[i] = i + 1 >= k ? args[0]!(rows[k - 1]!) : null;
    },
  },
];
