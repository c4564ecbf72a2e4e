/**
 * Prints an unresolved plan or expression the way Spark 3.5 prints its parsed logical plan
 * (`queryExecution.logical.toString`), so the parser's trees can be compared with the ones
 * PySpark recorded: `'Project [unresolvedalias(1, None)]` / `+- OneRowRelation`. Expression ids
 * (`#12`) are left out, as the recording strips them.
 */
import type { DataType } from '../../../../src/sql/types/data-types.js';
import type { Interval } from '../../../../src/sql/types/values.js';
import { formatUnscaled } from '../../../../src/sql/types/values.js';
import type { Expression, FrameBoundary, LogicalPlan, WindowSpec } from '../../../../src/sql/plan/index.js';

/** Java's Double.toString for the values tests use. */
export function javaDouble(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
  if (v === 0) return Object.is(v, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(v);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(v);
    return s.includes('.') ? s : s + '.0';
  }
  const [mantissa, exp] = v.toExponential().split('e') as [string, string];
  return `${mantissa.includes('.') ? mantissa : mantissa + '.0'}E${Number(exp)}`;
}

function pad2(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function dateText(days: number): string {
  const d = new Date(days * 86_400_000);
  return `${pad2(d.getUTCFullYear(), 4)}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

function timestampText(us: number): string {
  const ms = Math.floor(us / 1000);
  const d = new Date(ms);
  const micros = ((us % 1_000_000) + 1_000_000) % 1_000_000;
  const frac = micros === 0 ? '' : '.' + String(micros).padStart(6, '0').replace(/0+$/, '');
  return `${dateText(Math.floor(ms / 86_400_000))} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}${frac}`;
}

function literalText(value: unknown, t: DataType): string {
  if (value === null) return 'null';
  switch (t.kind) {
    case 'decimal':
      return formatUnscaled(value as bigint, t.scale);
    case 'double':
    case 'float':
      return javaDouble(value as number);
    case 'date':
      return dateText(value as number);
    case 'timestamp':
    case 'timestamp_ntz':
      return timestampText(value as number);
    case 'binary':
      return '0x' + Array.from(value as Uint8Array, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join('');
    case 'interval': {
      const i = value as Interval;
      return `interval(${i.months}, ${i.days}, ${i.microseconds})`;
    }
    default:
      return String(value);
  }
}

const BINARY_SYMBOL: Readonly<Record<string, string>> = { and: 'AND', or: 'OR', div: 'div' };

function name(parts: readonly string[]): string {
  return parts.map((p) => (p.includes('.') ? `\`${p}\`` : p)).join('.');
}

function frameBound(b: FrameBoundary): string {
  switch (b.kind) {
    case 'unboundedPreceding':
      return 'unboundedpreceding$()';
    case 'unboundedFollowing':
      return 'unboundedfollowing$()';
    case 'currentRow':
      return 'currentrow$()';
    default:
      return expr(b.value);
  }
}

function windowSpec(s: WindowSpec): string {
  const parts = [...s.partitionBy.map(expr), ...s.orderBy.map(expr)];
  parts.push(s.frame ? `specifiedwindowframe(${s.frame.type === 'rows' ? 'RowFrame' : 'RangeFrame'}, ${frameBound(s.frame.lower)}, ${frameBound(s.frame.upper)})` : 'unspecifiedframe$()');
  return `windowspecdefinition(${parts.join(', ')})`;
}

/** Expression nodes Spark's parser builds as concrete expressions (printed without the `'` of an unresolved function). */
function functionText(e: Extract<Expression, { kind: 'function' }>): string {
  const args = e.args.map(expr);
  switch (e.name) {
    case 'concat':
      if (e.args.length === 2) return `concat(${args.join(', ')})`;
      break;
    case 'isnull':
    case 'isnotnull':
      return `${e.name}(${args[0]})`;
    case 'like':
      return `${args[0]} LIKE ${args[1]}${args[2] !== undefined ? ` ESCAPE '${args[2]}'` : ''}`;
    case 'ilike':
      return `ilike(${args[0]}, ${args[1]}, ${args[2] ?? '\\'})`;
    case 'rlike':
      return `RLIKE(${args[0]}, ${args[1]})`;
    case 'locate':
      return `locate(${args.join(', ')}, 1)`;
    case 'first':
    case 'last':
      if (e.ignoreNulls && e.args.length === 1) return `${e.name}(${args[0]}, true)`;
      break;
    default:
      break;
  }
  const inner = (e.distinct ? 'distinct ' : '') + [...args, ...(e.filter ? [expr(e.filter)] : [])].join(', ');
  return `'${e.name}(${inner})`;
}

/** An expression as Spark's `toString` prints it. */
export function expr(e: Expression): string {
  switch (e.kind) {
    case 'literal':
      return literalText(e.value, e.dataType);
    case 'attribute':
      return `'${name(e.name)}`;
    case 'star':
      return e.target ? `${e.target.join('.')}.*` : '*';
    case 'alias':
      return `${expr(e.child)} AS ${e.names.length === 1 ? e.names[0] : `(${e.names.join(', ')})`}`;
    case 'binary':
      return `(${expr(e.left)} ${BINARY_SYMBOL[e.op] ?? e.op} ${expr(e.right)})`;
    case 'unary':
      switch (e.op) {
        case 'not':
          return `NOT ${expr(e.child)}`;
        case 'negate':
          return `-${expr(e.child)}`;
        case 'positive':
          return `positive(${expr(e.child)})`;
        default:
          return `~${expr(e.child)}`;
      }
    case 'cast':
      return `${e.mode === 'try' ? 'try_cast' : 'cast'}(${expr(e.child)} as ${e.to.simpleString()})`;
    case 'function':
      return functionText(e);
    case 'caseWhen':
      return `CASE${e.branches.map(([c, v]) => ` WHEN ${expr(c)} THEN ${expr(v)}`).join('')}${e.otherwise ? ` ELSE ${expr(e.otherwise)}` : ''} END`;
    case 'in':
      return `${expr(e.child)} IN (${e.list.map(expr).join(',')})`;
    case 'inSubquery':
      return `${expr(e.child)} IN (list [])`;
    case 'exists':
      return 'exists []';
    case 'scalarSubquery':
      return 'scalar-subquery []';
    case 'extractValue':
      // Spark keeps `p.age` inside a lambda as one multi-part lambda variable.
      if (e.child.kind === 'lambdaVariable' && e.key.kind === 'literal' && typeof e.key.value === 'string') return `${expr(e.child)}.${e.key.value}`;
      return `${expr(e.child)}[${expr(e.key)}]`;
    case 'sortOrder':
      return `${expr(e.child)} ${e.direction.toUpperCase()} NULLS ${e.nulls.toUpperCase()}`;
    case 'window':
      return `${expr(e.function)} ${windowSpec(e.spec)}`;
    case 'lambda':
      return `lambdafunction(${expr(e.body)}, ${e.params.map((p) => `lambda '${p}`).join(', ')}, false)`;
    case 'lambdaVariable':
      return `lambda '${e.name}`;
    case 'namedArgument':
      return `${e.name} => ${expr(e.value)}`;
    default:
      return `<${e.kind}>`;
  }
}

/** A select-list item: expressions without a name are wrapped as Spark's UnresolvedAlias. */
function item(e: Expression): string {
  return e.kind === 'attribute' || e.kind === 'star' || e.kind === 'alias' ? expr(e) : `unresolvedalias(${expr(e)}, None)`;
}

/** True when Spark would call the expression resolved (no names, functions or subqueries left to resolve). */
function resolvedExpr(e: Expression): boolean {
  switch (e.kind) {
    case 'literal':
      return true;
    case 'alias':
      return resolvedExpr(e.child);
    case 'binary':
      return resolvedExpr(e.left) && resolvedExpr(e.right);
    case 'unary':
    case 'cast':
    case 'sortOrder':
      return resolvedExpr(e.child);
    default:
      return false;
  }
}

const JOIN_NAMES: Readonly<Record<string, string>> = { inner: 'Inner', cross: 'Cross', left: 'LeftOuter', right: 'RightOuter', full: 'FullOuter', semi: 'LeftSemi', anti: 'LeftAnti' };

/** A printable node: its text, whether Spark calls it resolved, its subquery and CTE plans, its children. */
interface Node {
  readonly text: string;
  readonly resolved: boolean;
  readonly inner: readonly Node[];
  readonly children: readonly Node[];
}

function subqueriesOf(exprs: readonly (Expression | undefined)[]): Node[] {
  const out: Node[] = [];
  const visit = (e: Expression): void => {
    switch (e.kind) {
      case 'inSubquery':
        visit(e.child);
        out.push(node(e.plan));
        return;
      case 'exists':
      case 'scalarSubquery':
        out.push(node(e.plan));
        return;
      case 'alias':
      case 'unary':
      case 'cast':
      case 'sortOrder':
        visit(e.child);
        return;
      case 'binary':
        visit(e.left);
        visit(e.right);
        return;
      case 'function':
        e.args.forEach(visit);
        return;
      case 'in':
        visit(e.child);
        e.list.forEach(visit);
        return;
      case 'caseWhen':
        e.branches.forEach(([c, v]) => {
          visit(c);
          visit(v);
        });
        if (e.otherwise) visit(e.otherwise);
        return;
      default:
        return;
    }
  };
  exprs.forEach((e) => e && visit(e));
  return out;
}

function leaf(text: string, resolved = false): Node {
  return { text, resolved, inner: [], children: [] };
}

/** A node over one child: resolved when its expressions and its child are. */
function one(text: string, child: LogicalPlan, exprs: readonly (Expression | undefined)[] = []): Node {
  const c = node(child);
  return { text, resolved: c.resolved && exprs.every((e) => e === undefined || resolvedExpr(e)), inner: subqueriesOf(exprs), children: [c] };
}

/** Select items: an unnamed expression is an UnresolvedAlias, never resolved. */
function items(exprs: readonly Expression[]): Expression[] {
  return exprs.map((e) => (e.kind === 'attribute' || e.kind === 'star' || e.kind === 'alias' ? e : { kind: 'function', name: '<unresolvedalias>', args: [e] }));
}

function node(p: LogicalPlan): Node {
  switch (p.kind) {
    case 'table':
      return leaf(`UnresolvedRelation [${p.name.join(', ')}], [], false`);
    case 'oneRow':
      return leaf('OneRowRelation', true);
    case 'project':
      return one(`Project [${p.exprs.map(item).join(', ')}]`, p.input, items(p.exprs));
    case 'filter':
      return one(`Filter ${expr(p.condition)}`, p.input, [p.condition]);
    case 'aggregate': {
      let grouping = p.grouping.map(expr).join(', ');
      if (p.groupType === 'rollup' || p.groupType === 'cube') grouping = `${p.groupType}(${p.grouping.map((_, i) => `Vector(${i})`).join(', ')}, ${grouping})`;
      const lists = p.grouping.length > 0 ? `[${grouping}], [${p.aggregates.map(item).join(', ')}]` : `[${p.aggregates.map(item).join(', ')}]`;
      const agg = one(`Aggregate ${lists}`, p.input, [...p.grouping, ...items(p.aggregates)]);
      return p.having ? { text: `UnresolvedHaving ${expr(p.having)}`, resolved: false, inner: subqueriesOf([p.having]), children: [agg] } : agg;
    }
    case 'sort':
      return one(`Sort [${p.order.map(expr).join(', ')}], ${p.global}`, p.input, p.order);
    case 'limit': {
      const local = one(`LocalLimit ${p.n}`, p.input);
      return { text: `GlobalLimit ${p.n}`, resolved: local.resolved, inner: [], children: [local] };
    }
    case 'offset':
      return one(`Offset ${p.n}`, p.input);
    case 'deduplicate':
      return one('Distinct', p.input);
    case 'setOp': {
      const children = [node(p.left), node(p.right)];
      const resolved = children.every((c) => c.resolved);
      const text = p.op === 'union' ? `Union ${p.byName}, ${p.allowMissingColumns}` : `${p.op === 'intersect' ? 'Intersect' : 'Except'}${p.all ? ' All true' : ' false'}`;
      const op: Node = { text, resolved, inner: [], children };
      return p.op === 'union' && !p.all ? { text: 'Distinct', resolved, inner: [], children: [op] } : op;
    }
    case 'subqueryAlias':
      return one(`SubqueryAlias ${p.alias}`, p.input);
    case 'toDF':
      return { ...one(`UnresolvedSubqueryColumnAliases [${p.names.join(', ')}]`, p.input), resolved: false };
    case 'with':
      return {
        text: `CTE [${p.definitions.map((d) => d.name).join(', ')}]`,
        resolved: false,
        inner: p.definitions.map((d) => node({ kind: 'subqueryAlias', alias: d.name, input: d.columns ? { kind: 'toDF', names: d.columns, input: d.plan } : d.plan })),
        children: [node(p.input)],
      };
    case 'join': {
      const type = JOIN_NAMES[p.joinType]!;
      const text = p.using ? `Join UsingJoin(${type}, [${p.using.join(', ')}])` : `Join ${type}${p.condition ? `, ${expr(p.condition)}` : ''}`;
      const children = [node(p.left), node(p.right)];
      const resolved = !p.using && children.every((c) => c.resolved) && (p.condition === undefined || resolvedExpr(p.condition));
      return { text, resolved, inner: subqueriesOf([p.condition]), children };
    }
    case 'inlineTable':
      return leaf(`UnresolvedInlineTable [${(p.names ?? []).join(', ')}], [${p.rows.map((r) => `[${r.map(expr).join(', ')}]`).join(', ')}]`);
    case 'range': {
      const args = p.start === 0 && p.step === 1 && p.numPartitions === undefined ? [p.end] : [p.start, p.end, ...(p.step !== 1 || p.numPartitions !== undefined ? [p.step] : []), ...(p.numPartitions !== undefined ? [p.numPartitions] : [])];
      return leaf(`UnresolvedTableValuedFunction [range], [${args.join(', ')}]`);
    }
    case 'generate':
      return { ...one(`Generate ${expr(p.generator)}, ${p.outer}, ${p.qualifier ?? ''}, [${p.aliases.map((a) => `'${a}`).join(', ')}]`, p.input), resolved: false };
    case 'hint':
      return { ...one(`UnresolvedHint ${p.name}, [${p.parameters.map(expr).join(', ')}]`, p.input), resolved: false };
    case 'repartition':
      return one(`RepartitionByExpression [${p.exprs.map(expr).join(', ')}]`, p.input, p.exprs);
    default:
      return leaf(`<${p.kind}>`);
  }
}

function render(n: Node, lastChildren: boolean[], out: string[]): void {
  let line = '';
  if (lastChildren.length > 0) {
    for (const isLast of lastChildren.slice(0, -1)) line += isLast ? '   ' : ':  ';
    line += lastChildren[lastChildren.length - 1] ? '+- ' : ':- ';
  }
  out.push(line + (n.resolved || n.text.startsWith('CTE ') ? '' : "'") + n.text);
  n.inner.forEach((c, i) => render(c, [...lastChildren, n.children.length === 0, i === n.inner.length - 1], out));
  n.children.forEach((c, i) => render(c, [...lastChildren, i === n.children.length - 1], out));
}

/** A plan as Spark's `treeString` prints it (each line ends with a newline). */
export function planTree(p: LogicalPlan): string {
  const out: string[] = [];
  render(node(p), [], out);
  return out.join('\n') + '\n';
}
