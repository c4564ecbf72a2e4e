/**
 * UNION / INTERSECT / EXCEPT: by position (NUM_COLUMNS_MISMATCH when the widths differ), each
 * column cast to the wider type of both sides (INCOMPATIBLE_COLUMN_TYPE when there is none);
 * `unionByName` reorders the right side by name and can fill missing columns with NULLs.
 */
import { AnalysisException } from '../errors.js';
import { ordinal } from '../functions/define.js';
import { implicitCastTo, widerType } from './coercion.js';
import type { AttributeRef, RExpr, RPlan } from './resolved.js';
import { newExprId, ref, toAttribute } from './resolved.js';

function project(input: RPlan, exprs: RExpr[]): RPlan {
  if (exprs.every((e, i) => e.k === 'ref' && e.attr.id === input.output[i]?.id) && exprs.length === input.output.length) return input;
  return { k: 'project', input, exprs, output: exprs.map((e) => toAttribute(e)) };
}

function castTo(a: AttributeRef, to: RExpr['dataType']): RExpr {
  const c = implicitCastTo(ref(a), to);
  return c.k === 'ref' ? c : { k: 'alias', child: c, name: a.name, id: newExprId(), dataType: c.dataType, nullable: c.nullable };
}

/** Both sides with the same width and types (left's names), ready to combine. */
export function alignByPosition(op: string, left: RPlan, right: RPlan): [RPlan, RPlan] {
  if (left.output.length !== right.output.length) {
    throw new AnalysisException('NUM_COLUMNS_MISMATCH', {
      operator: op.toUpperCase(),
      firstNumColumns: String(left.output.length),
      invalidOrdinalNum: 'second',
      invalidNumColumns: String(right.output.length),
    });
  }
  const types = left.output.map((l, i) => {
    const r = right.output[i]!;
    const t = widerType(l.dataType, r.dataType);
    if (t === undefined) {
      throw new AnalysisException('INCOMPATIBLE_COLUMN_TYPE', {
        operator: op.toUpperCase(),
        columnOrdinalNumber: ordinal(i),
        tableOrdinalNumber: 'second',
        dataType1: `"${r.dataType.sql()}"`,
        dataType2: `"${l.dataType.sql()}"`,
        hint: '',
      });
    }
    return t;
  });
  return [project(left, left.output.map((a, i) => castTo(a, types[i]!))), project(right, right.output.map((a, i) => castTo(a, types[i]!)))];
}

/** The right side reordered by the left's column names (NULLs for missing ones when allowed). */
export function alignByName(left: RPlan, right: RPlan, allowMissing: boolean, caseSensitive: boolean): [RPlan, RPlan] {
  const find = (attrs: readonly AttributeRef[], n: string): AttributeRef | undefined =>
    attrs.find((a) => (caseSensitive ? a.name === n : a.name.toLowerCase() === n.toLowerCase()));
  const nullOf = (a: AttributeRef): RExpr => ({ k: 'alias', child: { k: 'lit', value: null, dataType: a.dataType, nullable: true }, name: a.name, id: newExprId(), dataType: a.dataType, nullable: true });
  const rightExprs: RExpr[] = left.output.map((l) => {
    const r = find(right.output, l.name);
    if (r) return ref(r);
    if (!allowMissing) {
      throw new AnalysisException('_LEGACY_ERROR_TEMP_1201', { name: l.name, columns: right.output.map((a) => a.name).join(', ') });
    }
    return nullOf(l);
  });
  let newLeft = left;
  if (allowMissing) {
    const extra = right.output.filter((r) => !find(left.output, r.name));
    if (extra.length > 0) {
      newLeft = project(left, [...left.output.map(ref), ...extra.map(nullOf)]);
      rightExprs.push(...extra.map(ref));
    }
  }
  return [newLeft, project(right, rightExprs)];
}

/** The union's output: the first side's columns, nullable when any side's is. */
export function unionOutput(inputs: readonly RPlan[]): AttributeRef[] {
  return inputs[0]!.output.map((a, i) => ({ ...a, nullable: inputs.some((p) => p.output[i]!.nullable) }));
}
