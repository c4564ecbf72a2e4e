/**
 * `df.explain(mode)`: Spark's plan strings, recognisably. `simple` prints a physical plan
 * (HashAggregate / Exchange / Project / Scan …, under `AdaptiveSparkPlan` when adaptive
 * execution is on), `extended` adds the parsed, analysed and optimised logical plans
 * (`'Project ['nme]` for unresolved names, `name#id` for attributes, `L` for bigint),
 * `formatted` lists the operators with their outputs.
 */
import { exprSql, sortOrderSql, type AttrText } from '../analysis/pretty.js';
import type { AttributeRef, RExpr, RPlan } from '../analysis/resolved.js';
import { planChildren } from '../analysis/resolved.js';
import { type ExplainMode, type LogicalPlan, children } from '../plan/relations.js';
import { exprToSql } from '../plan/to-sql.js';
import type { DataType } from '../types/data-types.js';

const idText: AttrText = (a) => `${a.name}#${a.id}${a.dataType.kind === 'long' ? 'L' : ''}`;

function attrText(a: AttributeRef): string {
  return idText(a);
}

function e(x: RExpr): string {
  if (x.k === 'alias') return `${exprSql(x.child, idText)} AS ${x.name}#${x.id}${x.dataType.kind === 'long' ? 'L' : ''}`;
  return exprSql(x, idText);
}

function list(xs: readonly RExpr[]): string {
  return `[${xs.map(e).join(', ')}]`;
}

function tree(lines: string[], node: { text: string; kids: Array<{ text: string; kids: unknown[] }> }, prefix: string, last: boolean, root: boolean): void {
  lines.push(root ? node.text : `${prefix}${last ? '+- ' : ':- '}${node.text}`);
  const next = root ? '' : prefix + (last ? '   ' : ':  ');
  node.kids.forEach((k, i) => tree(lines, k as never, next, i === node.kids.length - 1, false));
}

interface Node {
  text: string;
  kids: Node[];
}

/** The analysed logical plan as Spark's tree. */
function logical(p: RPlan): Node {
  const kids = planChildren(p).map(logical);
  const out = (a: readonly AttributeRef[]): string => `[${a.map(attrText).join(', ')}]`;
  switch (p.k) {
    case 'local':
      return { text: `LogicalRDD ${out(p.output)}, false`, kids };
    case 'rdd':
      return { text: `LogicalRDD ${out(p.output)}, false`, kids };
    case 'range':
      return { text: `Range (${p.start}, ${p.end}, step=${p.step}, splits=Some(${p.numPartitions}))`, kids };
    case 'scan':
      return { text: `Relation ${p.scan.describe()} ${out(p.output)}`, kids };
    case 'project':
      return { text: `Project ${list(p.exprs)}`, kids };
    case 'filter':
      return { text: `Filter ${e(p.condition)}`, kids };
    case 'aggregate':
      return { text: `${p.dedup ? 'Deduplicate' : 'Aggregate'} ${p.dedup ? `[${p.groupings.map(e).join(', ')}]` : `${list(p.groupings)}, ${list(p.aggregates)}`}`, kids };
    case 'join':
      return { text: `Join ${joinName(p.joinType)}${p.fullCondition ? `, ${e(p.fullCondition)}` : ''}`, kids };
    case 'sort':
      return { text: `Sort [${p.order.map((o) => sortOrderSql(o, idText)).join(', ')}], ${p.global}`, kids };
    case 'limit':
      return { text: `GlobalLimit ${p.n}`, kids: [{ text: `LocalLimit ${p.n}`, kids }] };
    case 'offset':
      return { text: `Offset ${p.n}`, kids };
    case 'tail':
      return { text: `Tail ${p.n}`, kids };
    case 'union':
      return { text: 'Union false, false', kids };
    case 'intersect':
      return { text: `Intersect ${p.all ? 'All' : ''}`.trim(), kids };
    case 'except':
      return { text: `Except ${p.all ? 'All' : ''}`.trim(), kids };
    case 'window':
      return { text: `Window ${list(p.windowExprs)}, [${p.partitionBy.map(e).join(', ')}], [${p.orderBy.map((o) => sortOrderSql(o, idText)).join(', ')}]`, kids };
    case 'generate':
      return { text: `Generate ${e(p.generator)}, false, ${p.outer}, ${out(p.generatorOutput)}`, kids };
    case 'sample':
      return { text: `Sample ${p.lower}, ${p.upper}, ${p.withReplacement}, ${p.seed}`, kids };
    case 'alias':
      return { text: `SubqueryAlias ${p.alias}`, kids };
    case 'repartition':
      return { text: `Repartition ${p.numPartitions}, ${p.shuffle}`, kids };
    case 'cached':
      return { text: `InMemoryRelation ${out(p.output)}, StorageLevel(disk, memory, deserialized, 1 replicas)`, kids };
    case 'watermark':
      return { text: `EventTimeWatermark ${attrText(p.eventTime)}, ${intervalText(p.delayMs)}`, kids };
    case 'streamSource':
      return { text: `StreamingRelation ${streamSourceName(p)}, ${out(p.output)}`, kids };
    case 'external':
      return { text: p.text, kids };
    case 'groupsWithState':
      return { text: `FlatMapGroupsWithState ${list(p.groupings)}, ${p.spec.outputMode === 'append' ? 'Append' : 'Update'}, ${p.spec.timeout}`, kids };
  }
}

/** A delay as Spark's interval text: `10 minutes`, `1 minutes 30 seconds`. */
function intervalText(ms: number): string {
  const units: Array<[number, string]> = [[86_400_000, 'days'], [3_600_000, 'hours'], [60_000, 'minutes'], [1000, 'seconds'], [1, 'milliseconds']];
  const parts: string[] = [];
  let rest = ms;
  for (const [size, name] of units) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)} ${name}`);
      rest %= size;
    }
  }
  return parts.length === 0 ? '0 seconds' : parts.join(' ');
}

/** A streaming source as Spark names it in plans: `FileSource[/in]`, `rate`, `socket`. */
function streamSourceName(p: Extract<RPlan, { k: 'streamSource' }>): string {
  const r = p.read;
  return r.paths.length > 0 ? `FileSource[${r.paths.join(', ')}]` : r.format;
}

function joinName(t: string): string {
  return { inner: 'Inner', cross: 'Cross', full: 'FullOuter', left: 'LeftOuter', right: 'RightOuter', semi: 'LeftSemi', anti: 'LeftAnti' }[t] ?? t;
}

let exchangeId = 0;

/** The physical plan tree (what runs), in Spark's operator names. */
function physical(p: RPlan, shuffle: number): Node {
  const kids = (): Node[] => planChildren(p).map((k) => physical(k, shuffle));
  const out = (a: readonly AttributeRef[]): string => a.map(attrText).join(',');
  switch (p.k) {
    case 'local':
    case 'rdd':
      return { text: `Scan ExistingRDD[${out(p.output)}]`, kids: [] };
    case 'range':
      return { text: `Range (${p.start}, ${p.end}, step=${p.step}, splits=${p.numPartitions})`, kids: [] };
    case 'scan':
      return { text: p.scan.describe(), kids: [] };
    case 'project':
      return { text: `Project ${list(p.exprs)}`, kids: kids() };
    case 'filter':
      return { text: `Filter ${e(p.condition)}`, kids: kids() };
    case 'aggregate': {
      const keys = `[${p.groupings.map(e).join(', ')}]`;
      const fns: string[] = [];
      for (const a of p.aggregates) collectAggText(a, fns);
      const exchange: Node = {
        text: p.groupings.length === 0 ? `Exchange SinglePartition, ENSURE_REQUIREMENTS, [plan_id=${exchangeId++}]` : `Exchange hashpartitioning(${p.groupings.map(e).join(', ')}, ${shuffle}), ENSURE_REQUIREMENTS, [plan_id=${exchangeId++}]`,
        kids: [{ text: `HashAggregate(keys=${keys}, functions=[${fns.map((f) => `partial_${f}`).join(', ')}])`, kids: kids() }],
      };
      return { text: `HashAggregate(keys=${keys}, functions=[${fns.join(', ')}])`, kids: [exchange] };
    }
    case 'join': {
      const keys = `[${p.leftKeys.map(e).join(', ')}], [${p.rightKeys.map(e).join(', ')}]`;
      if (p.leftKeys.length === 0) return { text: `BroadcastNestedLoopJoin BuildRight, ${joinName(p.joinType)}${p.condition ? `, ${e(p.condition)}` : ''}`, kids: kids() };
      return { text: `BroadcastHashJoin ${keys}, ${joinName(p.joinType)}, BuildRight, ${p.condition ? e(p.condition) : 'false'}`, kids: kids() };
    }
    case 'sort':
      return {
        text: `Sort [${p.order.map((o) => sortOrderSql(o, idText)).join(', ')}], ${p.global}, 0`,
        kids: p.global ? [{ text: `Exchange rangepartitioning(${p.order.map((o) => sortOrderSql(o, idText)).join(', ')}, ${shuffle}), ENSURE_REQUIREMENTS, [plan_id=${exchangeId++}]`, kids: kids() }] : kids(),
      };
    case 'limit':
      return { text: `CollectLimit ${p.n}`, kids: kids() };
    case 'window':
      return {
        text: `Window ${list(p.windowExprs)}, [${p.partitionBy.map(e).join(', ')}], [${p.orderBy.map((o) => sortOrderSql(o, idText)).join(', ')}]`,
        kids: [{ text: `Sort [${[...p.partitionBy.map((x) => `${e(x)} ASC NULLS FIRST`), ...p.orderBy.map((o) => sortOrderSql(o, idText))].join(', ')}], false, 0`, kids: kids() }],
      };
    case 'generate':
      return { text: `Generate ${e(p.generator)}, [${p.input.output.map(attrText).join(', ')}], ${p.outer}, [${out(p.generatorOutput)}]`, kids: kids() };
    case 'alias':
    case 'watermark':
      return physical(p.input, shuffle);
    case 'cached':
      return { text: `InMemoryTableScan [${out(p.output)}]`, kids: [] };
    case 'streamSource':
      return { text: `StreamingRelation ${streamSourceName(p)}, [${p.output.map(attrText).join(', ')}]`, kids: [] };
    case 'external':
      return { text: p.text, kids: kids() };
    case 'union':
      return { text: 'Union', kids: kids() };
    default:
      return logical(p);
  }
}

function collectAggText(x: RExpr, out: string[]): void {
  if (x.k === 'agg') {
    const t = exprSql(x, idText);
    if (!out.includes(t)) out.push(t);
    return;
  }
  if (x.k === 'alias' || x.k === 'cast') collectAggText(x.child, out);
  if (x.k === 'call') for (const a of x.args) collectAggText(a, out);
}

/** The unresolved (parsed) plan as Spark prints it: names quoted with `'`. */
function parsed(p: LogicalPlan): Node {
  const kids = children(p).map(parsed);
  const q = (xs: readonly import('../plan/expressions.js').Expression[]): string => `[${xs.map((x) => exprToSql(x, true)).join(', ')}]`;
  switch (p.kind) {
    case 'project':
      return { text: `'Project ${q(p.exprs)}`, kids };
    case 'filter':
      return { text: `'Filter ${exprToSql(p.condition, true)}`, kids };
    case 'aggregate':
      return { text: `'Aggregate ${q(p.grouping)}, ${q(p.aggregates)}`, kids };
    case 'join':
      return { text: `'Join ${joinName(p.joinType)}${p.condition ? `, ${exprToSql(p.condition, true)}` : p.using ? `, UsingJoin(${p.using.join(', ')})` : ''}`, kids };
    case 'sort':
      return { text: `'Sort ${q(p.order)}, ${p.global}`, kids };
    case 'table':
      return { text: `'UnresolvedRelation [${p.name.join(', ')}], [], false`, kids };
    case 'localRelation':
    case 'rddRelation':
      return { text: `LogicalRDD [${p.schema.fields.map((f) => f.name).join(', ')}], false`, kids };
    case 'range':
      return { text: `Range (${p.start}, ${p.end}, step=${p.step}, splits=${p.numPartitions ?? 'None'})`, kids };
    default:
      return { text: `'${p.kind.charAt(0).toUpperCase()}${p.kind.slice(1)}`, kids };
  }
}

function render(n: Node): string {
  const lines: string[] = [];
  tree(lines, n as never, '', true, true);
  return lines.join('\n');
}

function schemaLine(p: RPlan): string {
  return p.output.map((a) => `${a.name}: ${(a.dataType as DataType).simpleString()}`).join(', ');
}

/** The analysed logical plan as Spark prints it under streaming errors (`Aggregate [word#3], …`). */
export function analyzedPlanString(plan: RPlan): string {
  return render(logical(plan));
}

/** The parsed (unresolved) plan as Spark prints it in analysis errors: `'Project ['nme]` … */
export function parsedPlanString(plan: LogicalPlan): string {
  return render(parsed(plan));
}

/** The text of `explain(mode)`. */
export function explainString(plan: LogicalPlan, analyzed: RPlan, mode: ExplainMode, shufflePartitions = 200, adaptive = true): string {
  const phys = physical(analyzed, shufflePartitions);
  const physText = adaptive && analyzed.k !== 'local' && analyzed.k !== 'range' ? render({ text: 'AdaptiveSparkPlan isFinalPlan=false', kids: [phys] }) : render(phys);
  switch (mode) {
    case 'extended':
    case 'cost':
    case 'codegen':
      return [
        '== Parsed Logical Plan ==',
        render(parsed(plan)),
        '',
        '== Analyzed Logical Plan ==',
        schemaLine(analyzed),
        render(logical(analyzed)),
        '',
        '== Optimized Logical Plan ==',
        render(logical(analyzed)),
        '',
        '== Physical Plan ==',
        physText,
        '',
      ].join('\n');
    case 'formatted': {
      const ops: Node[] = [];
      const walk = (n: Node): void => {
        ops.push(n);
        n.kids.forEach(walk);
      };
      walk(phys);
      const numbered = ops.map((n, i) => `(${ops.length - i}) ${n.text.split(' ')[0]}`);
      return ['== Physical Plan ==', render(phys), '', ...numbered.reverse().map((t) => `${t}\n`), ''].join('\n');
    }
    default:
      return `== Physical Plan ==\n${physText}\n`;
  }
}
