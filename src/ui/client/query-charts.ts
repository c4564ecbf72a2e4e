/**
 * The charts of Spark's Structured Streaming query page, drawn with uPlot over the query's
 * batches (x = batch id: batches a test or a paused shell runs at one instant still spread out): input rate, process rate, input rows, batch duration, operation
 * durations (one line per `durationMs` key), global watermark gap (batch time − watermark), total
 * state rows and rows dropped by the watermark. Every value is a field of the batch's progress.
 */
import uPlot from 'uplot';
import { formatDelay, formatRate } from '../format.js';
import type { QueryPointView } from '../protocol-queries.js';
import { byId } from './dom.js';

/** The operations Spark's page draws, in its order; others a progress carries are added after. */
const OPERATIONS = ['addBatch', 'getBatch', 'latestOffset', 'queryPlanning', 'walCommit', 'commitOffsets'];
const COLORS = ['#1d4ed8', '#0f766e', '#c2410c', '#7c3aed', '#b42318', '#4d7c0f', '#0e7490', '#a16207'];
const INK = '#14171f';
const GRID = '#e1e5ec';
const FONT = '14px system-ui, "DejaVu Sans", sans-serif';

type Id = 'sq-input' | 'sq-process' | 'sq-rows' | 'sq-duration' | 'sq-ops' | 'sq-watermark' | 'sq-state' | 'sq-dropped';

const plots = new Map<string, uPlot>();

function ensure(id: Id, labels: readonly string[], fmt: (v: number) => string): uPlot {
  const key = `${id}:${labels.join(',')}`;
  const have = plots.get(id);
  if (have !== undefined && have.series.length === labels.length + 1 && (have as uPlot & { key?: string }).key === key) return have;
  have?.destroy();
  const box = byId(`chart-${id}`).querySelector<HTMLElement>('.chart');
  if (box === null) throw new Error(`chart-${id} has no .chart`);
  box.replaceChildren();
  const base = { stroke: INK, font: FONT, grid: { stroke: GRID, width: 1 }, ticks: { stroke: GRID, width: 1 } };
  const plot = new uPlot(
    {
      width: Math.max(320, box.clientWidth || 520),
      height: 200,
      scales: { x: { time: false, range: (_u, min, max) => [min - 0.5, Math.max(max + 0.5, min + 9.5)] }, y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.15] } },
      series: [{ label: 'Batch', value: (_u: uPlot, v: number | null) => (v === null ? '-' : `batch ${v}`) }, ...labels.map((label, i) => ({ label, stroke: COLORS[i % COLORS.length]!, width: 2.5, points: { show: true, size: 6 }, value: (_u: uPlot, v: number | null) => (v === null ? '-' : fmt(v)) }))],
      axes: [
        { ...base, space: 60, label: 'batch', labelSize: 20, values: (_u: uPlot, splits: number[]) => splits.map((v) => (Number.isInteger(v) ? String(v) : '')) },
        { ...base, size: 80, values: (_u: uPlot, splits: number[]) => splits.map(fmt) },
      ],
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false } },
    },
    [[], ...labels.map(() => [])],
    box,
  );
  (plot as uPlot & { key?: string }).key = key;
  plots.set(id, plot);
  return plot;
}

function set(id: Id, xs: number[], labels: readonly string[], data: (number | null)[][], fmt: (v: number) => string, avg: string): void {
  const card = byId(`chart-${id}`);
  const plot = ensure(id, labels, fmt);
  plot.setData([xs, ...data] as uPlot.AlignedData);
  const box = card.querySelector<HTMLElement>('.chart');
  if (box) box.dataset.points = String(xs.length);
  byId(`avg-${id}`).textContent = avg;
}

function mean(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : known.reduce((a, b) => a + b, 0) / known.length;
}

const avgText = (values: readonly (number | null)[], fmt: (v: number) => string): string => {
  const m = mean(values);
  return m === null ? '' : `Avg: ${fmt(m)}`;
};

/** Redraws every chart from the query's points (oldest first). */
export function updateQueryCharts(points: readonly QueryPointView[]): void {
  const xs = points.map((p) => p.batchId);
  const rate = (v: number): string => formatRate(v).replace(' records/s', '/s');
  const ms = (v: number): string => formatDelay(v);
  const count = (v: number): string => (Math.abs(v) >= 1000 ? `${(v / 1000).toFixed(1)}k` : String(Math.round(v * 100) / 100));
  const input = points.map((p) => p.inputRowsPerSecond);
  const processed = points.map((p) => p.processedRowsPerSecond);
  const rows = points.map((p) => p.numInputRows);
  const duration = points.map((p) => p.durationMs['triggerExecution'] ?? null);
  set('sq-input', xs, ['Input rows/s'], [input], rate, avgText(input, rate));
  set('sq-process', xs, ['Processed rows/s'], [processed], rate, avgText(processed, rate));
  set('sq-rows', xs, ['Input rows'], [rows], count, avgText(rows, count));
  set('sq-duration', xs, ['Batch duration'], [duration], ms, avgText(duration, ms));
  const seen = new Set<string>();
  for (const p of points) for (const k of Object.keys(p.durationMs)) if (k !== 'triggerExecution') seen.add(k);
  const ops = [...OPERATIONS.filter((k) => seen.has(k)), ...[...seen].filter((k) => !OPERATIONS.includes(k)).sort()];
  set('sq-ops', xs, ops, ops.map((k) => points.map((p) => p.durationMs[k] ?? null)), ms, '');
  const gaps = points.map((p) => (p.watermark === null || p.watermark <= 0 ? null : p.timestamp - p.watermark));
  const hasWm = gaps.some((g) => g !== null);
  byId('chart-sq-watermark').hidden = !hasWm;
  if (hasWm) set('sq-watermark', xs, ['Watermark gap'], [gaps], ms, avgText(gaps, ms));
  const state = points.map((p) => p.stateRows);
  const hasState = state.some((v) => v !== null);
  byId('chart-sq-state').hidden = !hasState;
  byId('chart-sq-dropped').hidden = !hasState;
  if (hasState) {
    set('sq-state', xs, ['State rows'], [state], count, avgText(state, count));
    const dropped = points.map((p) => p.droppedByWatermark);
    set('sq-dropped', xs, ['Dropped by watermark'], [dropped], count, `Total: ${dropped.reduce<number>((a, b) => a + (b ?? 0), 0)}`);
  }
}
