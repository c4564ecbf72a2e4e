/**
 * Spark's UnsupportedOperationChecker for streaming plans: what a streaming query may not do,
 * refused at `start()` with Spark 3.5's words (legacy AnalysisException texts, then `;` and
 * the plan): output modes against aggregations, sorting, limits, joins, unions, set
 * operations, non-time windows, distinct aggregates, chained stateful operators,
 * flatMapGroupsWithState modes, session windows in update mode, and
 * dropDuplicatesWithinWatermark without a watermark.
 */
import type { PAggregate, PJoin, RExpr, RPlan } from '../analysis/resolved.js';
import { planChildren } from '../analysis/resolved.js';
import { walk } from '../analysis/project.js';
import { AnalysisException } from '../errors.js';
import { analyzedPlanString } from '../format/explain.js';
import type { OutputMode } from '../sources/contract.js';
import { isStreamingPlan } from './incremental.js';
import { exprSql } from '../analysis/pretty.js';

function fail(message: string, plan: RPlan): never {
  throw new AnalysisException('LEGACY_ANALYSIS', { message }, { context: `;\n${analyzedPlanString(plan)}` });
}

function modeText(m: OutputMode): string {
  return m === 'append' ? 'Append' : m === 'complete' ? 'Complete' : 'Update';
}

function nodes(p: RPlan, out: RPlan[] = []): RPlan[] {
  out.push(p);
  for (const c of planChildren(p)) nodes(c, out);
  return out;
}

function refsWatermark(e: RExpr): boolean {
  let found = false;
  walk(e, (x) => {
    if (x.k === 'ref' && x.attr.watermarkDelayMs !== undefined) found = true;
  });
  return found;
}

/** The streaming aggregations (not deduplications) of a plan. */
function streamingAggregates(p: RPlan): PAggregate[] {
  return nodes(p).filter((n): n is PAggregate => n.k === 'aggregate' && n.dedup !== true && isStreamingPlan(n.input));
}

function isStateful(p: RPlan): boolean {
  if (p.k === 'aggregate') return isStreamingPlan(p) && (p.dedup !== true || p.groupings.some(refsWatermark));
  if (p.k === 'join') return isStreamingPlan(p.left) && isStreamingPlan(p.right);
  if (p.k === 'groupsWithState') return isStreamingPlan(p);
  return false;
}

function mayEmitLateRows(p: RPlan, mode: OutputMode): boolean {
  if (p.k === 'join') return ['left', 'right', 'full', 'semi'].includes(p.joinType) && isStreamingPlan(p.left) && isStreamingPlan(p.right);
  if (p.k === 'groupsWithState') return isStreamingPlan(p) && p.spec.outputMode === 'append';
  if (p.k === 'aggregate') return p.dedup !== true && isStreamingPlan(p) && mode !== 'append';
  return false;
}

function joinName(t: PJoin['joinType']): string {
  return { inner: 'Inner', cross: 'Cross', full: 'FullOuter', left: 'LeftOuter', right: 'RightOuter', semi: 'LeftSemi', anti: 'LeftAnti' }[t];
}

/** Refuses what Spark refuses for a streaming query with this output mode (`continuous` for the continuous trigger). */
export function checkStreamingPlan(root: RPlan, mode: OutputMode, continuous = false): void {
  const aggs = streamingAggregates(root);
  if (continuous) {
    for (const n of nodes(root)) if (n.k === 'aggregate' && isStreamingPlan(n)) fail('Continuous processing does not support Aggregate operations.', root);
  }
  if (mode === 'append' && aggs.length > 0) {
    for (const a of aggs) {
      if (!a.groupings.some(refsWatermark)) fail('Append output mode not supported when there are streaming aggregations on streaming DataFrames/DataSets without watermark', root);
    }
  }
  if (mode === 'complete' && aggs.length === 0) fail('Complete output mode not supported when there are no streaming aggregations on streaming DataFrames/Datasets', root);

  for (const sub of nodes(root)) {
    if (!isStateful(sub)) continue;
    if (nodes(sub).some((p) => p !== sub && mayEmitLateRows(p, mode))) {
      fail(
        "Detected pattern of possible 'correctness' issue due to global watermark. The query contains stateful operation which can emit rows older than the current watermark plus allowed late record delay, which are \"late rows\" in downstream stateful operations and these rows can be discarded. Please refer the programming guide doc for more details. If you understand the possible risk of correctness issue and still need to run the query, you can disable this check by setting the config `spark.sql.streaming.statefulOperator.checkCorrectness.enabled` to false.",
        root,
      );
    }
  }

  for (const p of nodes(root)) {
    if (!isStreamingPlan(p)) continue;
    switch (p.k) {
      case 'aggregate': {
        if (p.dedup === true) {
          if (p.withinWatermark === true && !p.input.output.some((a) => a.watermarkDelayMs !== undefined)) {
            fail('dropDuplicatesWithinWatermark is not supported on streaming DataFrames/DataSets without watermark', root);
          }
          break;
        }
        if (p.aggregates.some((e) => hasDistinct(e))) fail('Distinct aggregations are not supported on streaming DataFrames/Datasets. Consider using approx_count_distinct() instead.', root);
        if (p.session !== undefined && mode === 'update') fail('Update output mode not supported for session window on streaming DataFrames/DataSets', root);
        break;
      }
      case 'sort':
        if (!(mode === 'complete' && sortsAggregate(p.input))) fail('Sorting is not supported on streaming DataFrames/Datasets, unless it is on aggregated DataFrame/Dataset in Complete output mode', root);
        break;
      case 'limit':
        if (mode === 'update') fail('Limits are not supported on streaming DataFrames/Datasets in Update output mode', root);
        break;
      case 'offset':
        fail('Offset is not supported on streaming DataFrames/Datasets', root);
        break;
      case 'tail':
        fail('Tail is not supported on streaming DataFrames/Datasets', root);
        break;
      case 'sample':
        fail('Sampling is not supported on streaming DataFrames/Datasets', root);
        break;
      case 'window': {
        const w = p.windowExprs[0]!;
        const spec = w.child.k === 'over' ? w.child.spec : undefined;
        throw new AnalysisException('NON_TIME_WINDOW_NOT_SUPPORTED_IN_STREAMING', {
          windowFunc: w.child.k === 'over' ? exprSql(w.child.fn).toUpperCase() : w.name,
          columnName: '`' + w.name + '`',
          windowSpec: spec === undefined ? '' : `(${windowSpecText(p)})`,
        }, { context: `;\n${analyzedPlanString(root)}` });
      }
      case 'union':
        if (p.inputs.some((i) => !isStreamingPlan(i))) fail('Union between streaming and batch DataFrames/Datasets is not supported', root);
        break;
      case 'except':
        if (isStreamingPlan(p.right)) fail('Except on a streaming DataFrame/Dataset on the right is not supported', root);
        break;
      case 'intersect':
        if (isStreamingPlan(p.left) && isStreamingPlan(p.right)) fail('Intersect between two streaming DataFrames/Datasets is not supported', root);
        break;
      case 'join':
        checkJoin(p, mode, root);
        break;
      case 'groupsWithState':
        checkGroupsWithState(p, mode, root);
        break;
      default:
        break;
    }
  }
}

function hasDistinct(e: RExpr): boolean {
  let found = false;
  walk(e, (x) => {
    if (x.k === 'agg' && x.distinct) found = true;
  });
  return found;
}

function sortsAggregate(p: RPlan): boolean {
  if (p.k === 'aggregate') return p.dedup !== true;
  if (p.k === 'project' || p.k === 'filter' || p.k === 'alias' || p.k === 'sort') return sortsAggregate(p.input);
  return false;
}

function windowSpecText(p: Extract<RPlan, { k: 'window' }>): string {
  const parts: string[] = [];
  if (p.partitionBy.length > 0) parts.push(`PARTITION BY ${p.partitionBy.map((e) => exprSql(e).toUpperCase()).join(', ')}`);
  if (p.orderBy.length > 0) parts.push(`ORDER BY ${p.orderBy.map((o) => `${exprSql(o.child).toUpperCase()} ${o.direction.toUpperCase()} NULLS ${o.nulls.toUpperCase()}`).join(', ')}`);
  parts.push('ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW');
  return parts.join(' ');
}

function checkJoin(p: PJoin, mode: OutputMode, root: RPlan): void {
  const l = isStreamingPlan(p.left);
  const r = isStreamingPlan(p.right);
  const t = p.joinType;
  if (l && r) {
    if (t === 'cross') fail('Cross joins between two streaming DataFrames/Datasets are not supported', root);
    if (mode !== 'append') fail(`${joinName(t)} join between two streaming DataFrames/Datasets is not supported in ${modeText(mode)} output mode, only in Append output mode`, root);
    if (t === 'left' || t === 'right' || t === 'full' || t === 'semi') {
      const needs = t === 'left' ? ['right'] : t === 'right' ? ['left'] : t === 'full' ? ['left', 'right'] : ['right'];
      const ok = (side: 'left' | 'right'): boolean => {
        const keys = side === 'left' ? p.leftKeys : p.rightKeys;
        if (keys.some(refsWatermark)) return true;
        const input = side === 'left' ? p.left : p.right;
        return input.output.some((a) => a.watermarkDelayMs !== undefined) && p.fullCondition !== undefined && /[<>]/.test(exprSql(p.fullCondition));
      };
      if (!needs.every((s) => ok(s as 'left' | 'right'))) {
        fail(`Stream-stream ${joinName(t)} join between two streaming DataFrame/Datasets is not supported without a watermark in the join keys, or a watermark on the nullable side and an appropriate range condition`, root);
      }
    }
    if (t === 'anti') fail('Stream-stream LeftAnti join between two streaming DataFrame/Datasets is not supported', root);
    return;
  }
  if (l && !r) {
    if (t === 'right') fail('RightOuter join with a streaming DataFrame/Dataset on the left and a static DataFrame/DataSet on the right not supported', root);
    if (t === 'full') fail('FullOuter joins with streaming DataFrames/Datasets on the left and a static DataFrame/Dataset on the right is not supported', root);
  }
  if (!l && r) {
    if (t === 'left') fail('LeftOuter join with a streaming DataFrame/Dataset on the right and a static DataFrame/DataSet on the left is not supported', root);
    if (t === 'full') fail('FullOuter joins with streaming DataFrames/Datasets on the right and a static DataFrame/Dataset on the left is not supported', root);
    if (t === 'semi') fail('LeftSemi join with a streaming DataFrame/Dataset on the right and a static DataFrame/DataSet on the left is not supported', root);
    if (t === 'anti') fail('LeftAnti join with a streaming DataFrame/Dataset on the right and a static DataFrame/DataSet on the left is not supported', root);
  }
}

function checkGroupsWithState(p: Extract<RPlan, { k: 'groupsWithState' }>, mode: OutputMode, root: RPlan): void {
  const aggs = streamingAggregates(root);
  if (p.spec.isMap) {
    if (aggs.length > 0) fail('mapGroupsWithState is not supported with aggregation on a streaming DataFrame/Dataset', root);
    if (mode !== 'update') fail(`mapGroupsWithState is not supported with ${modeText(mode)} output mode on a streaming DataFrame/Dataset`, root);
    return;
  }
  if (aggs.length === 0) {
    if (p.spec.outputMode === 'update' && mode !== 'update') fail(`flatMapGroupsWithState in update mode is not supported with ${modeText(mode)} output mode on a streaming DataFrame/Dataset`, root);
    if (p.spec.outputMode === 'append' && mode !== 'append') fail(`flatMapGroupsWithState in append mode is not supported with ${modeText(mode)} output mode on a streaming DataFrame/Dataset`, root);
  } else if (p.spec.outputMode === 'update') {
    fail('flatMapGroupsWithState in update mode is not supported with aggregation on a streaming DataFrame/Dataset', root);
  } else if (streamingAggregates(p).length > 0) {
    fail('flatMapGroupsWithState in append mode is not supported after aggregation on a streaming DataFrame/Dataset', root);
  }
}
