/**
 * A streamed hash join, fused into the probe side's generated pipeline: the build side is
 * hashed once per query (a KeyMap: number keys without entry objects; one column stored as a
 * value, several as a row; duplicate keys as a JoinDup list), and the lookup, the residual
 * condition and everything after the join run inline, with the build side's columns bound to
 * locals. No array is made for probe rows or joined rows.
 */
import type { PJoin, RPlan } from '../analysis/resolved.js';
import type { Gen } from '../codegen/gen.js';
import type { Consumer } from './pipeline.js';
import { keyCode } from './aggregate-exec.js';
import { buildsLeft } from './join-plan.js';
import { KeyMap } from './num-map.js';

/** The rows of one key when the build side has several. */
export class JoinDup {
  constructor(readonly rows: unknown[]) {}
}

/** A build side, hashed on first use. */
export interface JoinTable {
  get(): KeyMap<unknown>;
}

/**
 * Hashes the build side of `plan`: `consume(buildPlan, consumer, state)` runs the build side's
 * pipeline with the insertion code at its end (no row array for a one-column side).
 */
export function joinTable(plan: PJoin, consume: (p: RPlan, c: Consumer, state: unknown) => void): JoinTable {
  let table: KeyMap<unknown> | undefined;
  return {
    get() {
      if (table !== undefined) return table;
      const left = buildsLeft(plan);
      const build = left ? plan.left : plan.right;
      const keys = left ? plan.leftKeys : plan.rightKeys;
      const t = new KeyMap<unknown>(rowCount(build) ?? 1024);
      const consumer: Consumer = (g, values) => {
        let code = '';
        const ks = keys.map((k) => {
          const v = g.temp();
          code += `${v} = ${g.expr(k)};\n`;
          return v;
        });
        const nullCheck = keys.some((k) => k.nullable) ? `if (${ks.filter((_, i) => keys[i]!.nullable).map((v) => `${v} === null`).join(' || ')}) break L0;\n` : '';
        const k = g.temp();
        const v = g.temp();
        const o = g.temp();
        const Dup = g.constant(JoinDup);
        return `${code}${nullCheck}${k} = ${keyCode(ks, keys.map((x) => x.dataType), g)}; ${v} = ${values.length === 1 ? values[0] : `[${values.join(', ')}]`}; ${o} = $state.get(${k}); if (${o} === undefined) $state.set(${k}, ${v}); else if (${o} instanceof ${Dup}) ${o}.rows.push(${v}); else $state.set(${k}, new ${Dup}([${o}, ${v}]));`;
      };
      consume(build, consumer, t);
      t.seal();
      table = t;
      return t;
    },
  };
}

/** The number of rows of a plan when known without running it (for pre-sizing hash tables). */
function rowCount(p: RPlan): number | undefined {
  switch (p.k) {
    case 'range':
      return Math.max(0, Math.ceil((p.end - p.start) / p.step));
    case 'local':
      return p.partitions.reduce((n, x) => n + x.length, 0);
    case 'project':
    case 'alias':
      return rowCount(p.input);
    default:
      return undefined;
  }
}

/**
 * Code of a streamed join inside a pipeline: looks the probe row up and runs `rest()` (the code
 * after the join) per joined row, or once for an unmatched / semi / anti row. `table` is the
 * code of the hashed side (a local set per partition).
 */
export function joinCode(plan: PJoin, g: Gen, table: string, rest: () => string): string {
  const left = buildsLeft(plan);
  const build = left ? plan.left : plan.right;
  const probeKeys = left ? plan.rightKeys : plan.leftKeys;
  const scalar = build.output.length === 1;
  const b = g.temp();
  const h = g.temp();
  const any = g.temp();
  const dup = g.temp();
  const n = g.temp();
  const j = g.temp();
  const bind = (nulls: boolean): void => build.output.forEach((a, i) => g.bindings.set(a.id, nulls ? 'null' : scalar ? b : `${b}[${i}]`));
  let code = '';
  const ks = probeKeys.map((k) => {
    const t = g.temp();
    code += `${t} = ${g.expr(k)};\n`;
    return t;
  });
  const nullKey = probeKeys.some((k) => k.nullable) ? ks.filter((_, i) => probeKeys[i]!.nullable).map((t) => `${t} === null`).join(' || ') : 'false';
  bind(false);
  const cond = plan.condition ? `${g.expr(plan.condition)} === true` : 'true';
  const Dup = g.constant(JoinDup);
  code += `${h} = ${nullKey} ? undefined : ${table}.get(${keyCode(ks, probeKeys.map((k) => k.dataType), g)});\n${any} = false;\n`;
  const loop = (body: string): string =>
    `if (${h} !== undefined) { ${dup} = ${h} instanceof ${Dup}; ${n} = ${dup} ? ${h}.rows.length : 1; for (${j} = 0; ${j} < ${n}; ${j}++) { ${b} = ${dup} ? ${h}.rows[${j}] : ${h}; if (${cond}) { ${any} = true; ${body} } } }\n`;
  switch (plan.joinType) {
    case 'semi':
      return code + loop('break;') + `if (${any}) { ${rest()} }\n`;
    case 'anti':
      return code + loop('break;') + `if (!${any}) { ${rest()} }\n`;
    case 'left':
    case 'right': {
      code += loop(`{ ${rest()} }`);
      bind(true);
      return code + `if (!${any}) { ${rest()} }\n`;
    }
    default:
      return code + loop(`{ ${rest()} }`);
  }
}
