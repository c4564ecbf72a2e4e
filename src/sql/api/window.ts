/**
 * Window specs as pyspark builds them: `Window.partitionBy("dept").orderBy(F.desc("salary"))
 * .rowsBetween(Window.unboundedPreceding, Window.currentRow)`, used with `F.row_number().over(w)`.
 */
import { type ColumnOrName, toColumn } from '../column.js';
import type { Expression, FrameBoundary, SortOrder, WindowSpec as Spec } from '../plan/expressions.js';
import { literal } from '../plan/build.js';
import { LongType } from '../types/data-types.js';

const THRESHOLD = 2 ** 52;

function orderOf(c: ColumnOrName): SortOrder {
  const e = toColumn(c).expr;
  return e.kind === 'sortOrder' ? e : { kind: 'sortOrder', child: e, direction: 'asc', nulls: 'first' };
}

function boundary(v: number, lower: boolean): FrameBoundary {
  if (v === 0) return { kind: 'currentRow' };
  if (lower && v <= -THRESHOLD) return { kind: 'unboundedPreceding' };
  if (!lower && v >= THRESHOLD) return { kind: 'unboundedFollowing' };
  return { kind: 'offset', value: literal(v, new LongType()) };
}

/** A window specification (immutable; each method returns a new one). */
export class WindowSpec {
  /** @internal The plan-level window spec. */
  readonly spec: Spec;

  /** @internal Use `Window.partitionBy(…)`, `Window.orderBy(…)`. */
  constructor(spec: Spec = { partitionBy: [], orderBy: [] }) {
    this.spec = spec;
  }

  /** Rows with equal values of these columns form one window partition. */
  partitionBy(...cols: Array<ColumnOrName | readonly ColumnOrName[]>): WindowSpec {
    const list = cols.flat() as ColumnOrName[];
    return new WindowSpec({ ...this.spec, partitionBy: list.map((c) => toColumn(c).expr as Expression) });
  }
  /** The order of rows inside a window partition. */
  orderBy(...cols: Array<ColumnOrName | readonly ColumnOrName[]>): WindowSpec {
    const list = cols.flat() as ColumnOrName[];
    return new WindowSpec({ ...this.spec, orderBy: list.map(orderOf) });
  }
  /** A frame of rows relative to the current one (`-1, 1`; `Window.unboundedPreceding`, `Window.currentRow`). */
  rowsBetween(start: number, end: number): WindowSpec {
    return new WindowSpec({ ...this.spec, frame: { type: 'rows', lower: boundary(start, true), upper: boundary(end, false) } });
  }
  /** A frame of rows whose ORDER BY value is within `start`…`end` of the current row's. */
  rangeBetween(start: number, end: number): WindowSpec {
    return new WindowSpec({ ...this.spec, frame: { type: 'range', lower: boundary(start, true), upper: boundary(end, false) } });
  }
}

/** pyspark's `Window`: static builders of window specs and the frame boundary constants. */
export const Window = {
  unboundedPreceding: -Number.MAX_SAFE_INTEGER,
  unboundedFollowing: Number.MAX_SAFE_INTEGER,
  currentRow: 0,
  /** `Window.partitionBy(cols…)`. */
  partitionBy(...cols: Array<ColumnOrName | readonly ColumnOrName[]>): WindowSpec {
    return new WindowSpec().partitionBy(...cols);
  },
  /** `Window.orderBy(cols…)`. */
  orderBy(...cols: Array<ColumnOrName | readonly ColumnOrName[]>): WindowSpec {
    return new WindowSpec().orderBy(...cols);
  },
  /** `Window.rowsBetween(start, end)`. */
  rowsBetween(start: number, end: number): WindowSpec {
    return new WindowSpec().rowsBetween(start, end);
  },
  /** `Window.rangeBetween(start, end)`. */
  rangeBetween(start: number, end: number): WindowSpec {
    return new WindowSpec().rangeBetween(start, end);
  },
} as const;
