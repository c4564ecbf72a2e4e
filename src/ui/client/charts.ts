/**
 * The four timelines of Spark's Streaming tab, drawn with uPlot: input rate, scheduling delay,
 * processing time (with the batch interval as a dashed reference line, so "falling behind" shows
 * as the line crossing it) and total delay. The three delay charts share one y scale, as in Spark.
 */
import uPlot from 'uplot';
import { formatDelay, formatRate } from '../format.js';
import type { BatchView } from '../protocol.js';
import { byId } from './dom.js';

/** How many of the newest batches the timelines show. */
export const CHART_BATCHES = 60;

const INK = '#14171f';
const GRID = '#e1e5ec';
const FONT = '15px system-ui, "DejaVu Sans", sans-serif';

interface Chart {
  readonly plot: uPlot;
  readonly box: HTMLElement;
}

type ChartId = 'input' | 'scheduling' | 'processing' | 'total';

const charts = new Map<ChartId, Chart>();
/** The time axis spans at least this many batches, so the first points sit on a readable axis. */
const MIN_AXIS_BATCHES = 10;

function axes(yValues: (v: number) => string): uPlot.Axis[] {
  const base = { stroke: INK, font: FONT, grid: { stroke: GRID, width: 1 }, ticks: { stroke: GRID, width: 1 } };
  return [
    { ...base, space: 90 },
    { ...base, size: 90, values: (_u: uPlot, splits: number[]) => splits.map(yValues) },
  ];
}

/** The batch interval in ms, for the processing chart's reference line. */
let intervalMs = 1000;

/** Draws the batch interval across the whole processing chart, even before there are two points to join. */
const intervalLine = (u: uPlot): void => {
  const y = Math.round(u.valToPos(intervalMs, 'y', true));
  const { left, width } = u.bbox;
  const ctx = u.ctx;
  ctx.save();
  ctx.strokeStyle = '#b42318';
  ctx.lineWidth = 2 * devicePixelRatio;
  ctx.setLineDash([10 * devicePixelRatio, 6 * devicePixelRatio]);
  ctx.beginPath();
  ctx.moveTo(left, y);
  ctx.lineTo(left + width, y);
  ctx.stroke();
  ctx.restore();
};

function make(id: ChartId, series: uPlot.Series[], yValues: (v: number) => string): Chart {
  const box = byId(`chart-${id}`).querySelector<HTMLElement>('.chart');
  if (box === null) throw new Error(`chart-${id} has no .chart`);
  const width = Math.max(320, box.clientWidth || 520);
  const opts: uPlot.Options = {
    width,
    height: 220,
    // Both scales are set by updateCharts: uPlot's own ranging stretches a single point over years.
    scales: { x: { time: true, auto: false }, y: { auto: false } },
    series: [{ label: 'Batch time' }, ...series],
    axes: axes(yValues),
    legend: { show: true, live: false },
    cursor: { drag: { x: false, y: false } },
    hooks: id === 'processing' ? { draw: [intervalLine] } : {},
  };
  const plot = new uPlot(opts, [[], ...series.map(() => [])], box);
  new ResizeObserver(() => {
    const w = Math.max(320, box.clientWidth);
    if (w !== plot.width) plot.setSize({ width: w, height: 220 });
  }).observe(box);
  return { plot, box };
}

function line(label: string, stroke: string, value: (v: number) => string): uPlot.Series {
  return { label, stroke, width: 3, fill: `${stroke}22`, points: { show: true, size: 7 }, value: (_u, v) => (v === null ? '-' : value(v)) };
}

/** Creates the four charts in the page's chart cards. */
export function createCharts(): void {
  const delay = (ms: number): string => formatDelay(ms);
  charts.set('input', make('input', [line('Input rate', '#1d4ed8', formatRate)], (v) => `${v}/s`));
  charts.set('scheduling', make('scheduling', [line('Scheduling delay', '#7c3aed', delay)], delay));
  charts.set(
    'processing',
    make(
      'processing',
      [
        line('Processing time', '#0f766e', delay),
        { label: 'Batch interval', stroke: '#b42318', width: 2, dash: [10, 6], points: { show: false }, value: (_u, v) => (v === null ? '-' : delay(v)) },
      ],
      delay,
    ),
  );
  charts.set('total', make('total', [line('Total delay', '#c2410c', delay)], delay));
}

function avg(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : known.reduce((a, b) => a + b, 0) / known.length;
}

/** Redraws the charts from the finished batches (oldest first) and writes each chart's average. */
export function updateCharts(finished: readonly BatchView[], batchMs: number): void {
  const shown = finished.slice(-CHART_BATCHES);
  const batchSec = batchMs / 1000;
  intervalMs = batchMs;
  const xs = shown.map((b) => b.batchTime / 1000);
  const rate = shown.map((b) => (b.numRecords * 1000) / batchMs);
  const sched = shown.map((b) => (b.processingStartTime === null ? null : b.processingStartTime - b.submissionTime));
  const proc = shown.map((b) => (b.processingStartTime === null || b.processingEndTime === null ? null : b.processingEndTime - b.processingStartTime));
  const total = shown.map((b) => (b.processingEndTime === null ? null : b.processingEndTime - b.submissionTime));
  const interval = shown.map(() => batchMs);

  // The three delay charts share one scale that always includes the batch interval, so the
  // reference line is on screen and the same height means the same time in each.
  const delayMax = Math.max(batchMs, ...total.map((v) => v ?? 0), ...sched.map((v) => v ?? 0)) * 1.1;
  const rateMax = Math.max(1, ...rate) * 1.15;
  const lastX = xs.at(-1);
  const xMax = lastX !== undefined ? lastX + batchSec / 2 : Date.now() / 1000;
  const xMin = Math.min((xs[0] ?? xMax) - batchSec / 2, xMax - MIN_AXIS_BATCHES * batchSec);

  const set = (id: ChartId, data: (number | null)[][], avgText: string): void => {
    const chart = charts.get(id);
    if (!chart) return;
    chart.plot.batch(() => {
      chart.plot.setData([xs, ...data] as uPlot.AlignedData, false);
      chart.plot.setScale('x', { min: xMin, max: xMax });
      chart.plot.setScale('y', { min: 0, max: id === 'input' ? rateMax : delayMax });
    });
    chart.box.dataset.points = String(xs.length);
    byId(`avg-${id}`).textContent = avgText;
  };
  const avgDelay = (values: (number | null)[]): string => {
    const a = avg(values);
    return a === null ? '' : `Avg: ${formatDelay(a)}`;
  };
  const avgRate = avg(rate);
  set('input', [rate], avgRate === null ? '' : `Avg: ${formatRate(avgRate)}`);
  set('scheduling', [sched], avgDelay(sched));
  set('processing', [proc, interval], avgDelay(proc));
  set('total', [total], avgDelay(total));
  byId('charts-title').textContent = shown.length === 1 ? 'Timelines (last batch)' : `Timelines (last ${shown.length} batches)`;
}
