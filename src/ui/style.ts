/**
 * The page's stylesheet. Made for a projector: large type, dark text on white, and every status
 * carries a word and a symbol as well as a colour.
 */
export const pageCss = `
:root {
  --ink: #14171f; --muted: #4a5262; --line: #c9ced8; --panel: #f3f5f9; --accent: #1d4ed8;
  --ok: #146c2e; --bad: #b42318; --warn: #8a4b00; --idle: #4a5262;
  --op-input: #e6efff; --op-transform: #ffffff; --op-output: #e9f7ee;
  font-size: 19px;
}
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; line-height: 1.4; }
code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.9em; background: var(--panel); padding: 0 0.25em; border-radius: 3px; }
.top { display: flex; align-items: center; gap: 1rem; padding: 0.6rem 1.5rem; background: #10243f; color: #fff; }
.brand { font-weight: 800; font-size: 1.3rem; letter-spacing: 0.02em; color: #ffd166; }
.top h1 { font-size: 1.3rem; margin: 0; font-weight: 600; flex: 1; }
.conn { font-weight: 600; padding: 0.15rem 0.7rem; border-radius: 999px; border: 2px solid currentColor; font-size: 0.9rem; }
.conn-live { color: #8ef0a7; } .conn-live::before { content: "● "; }
.conn-connecting { color: #ffd166; } .conn-connecting::before { content: "◌ "; }
.conn-lost { color: #ffb4a9; } .conn-lost::before { content: "✕ "; }
main { padding: 0.5rem 1.5rem 2rem; max-width: 1800px; margin: 0 auto; }
section { margin-top: 1.2rem; }
h2 { font-size: 1.35rem; margin: 0 0 0.5rem; border-bottom: 2px solid var(--line); padding-bottom: 0.2rem; }
h2 .sub { font-size: 0.8rem; font-weight: 400; color: var(--muted); margin-left: 0.5rem; }
.summary { font-size: 1.35rem; margin: 0.6rem 0 0.4rem; font-weight: 500; }
.summary strong { font-weight: 800; }
.facts { display: flex; flex-wrap: wrap; gap: 0.4rem 2.2rem; margin: 0; }
.facts div { display: flex; gap: 0.5rem; align-items: baseline; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; font-weight: 700; }
.state { padding: 0.05rem 0.55rem; border-radius: 4px; border: 2px solid currentColor; }
.state-ACTIVE { color: var(--ok); } .state-ACTIVE::before { content: "▶ "; }
.state-INITIALIZED { color: var(--warn); } .state-INITIALIZED::before { content: "◷ "; }
.state-PAUSED { color: var(--warn); } .state-PAUSED::before { content: "⏸ "; }
.state-STOPPED { color: var(--bad); } .state-STOPPED::before { content: "■ "; }
.note { background: #fff7e0; border-left: 6px solid var(--warn); padding: 0.4rem 0.8rem; margin: 0.6rem 0 0; }
.empty { color: var(--muted); }

/* Pipeline */
.pipeline { position: relative; overflow-x: auto; padding: 0.3rem 0 0.6rem; }
.pipeline-canvas { position: relative; }
.pipeline svg { position: absolute; left: 0; top: 0; overflow: visible; }
.pipeline svg path.edge { stroke: #5b6477; stroke-width: 3; fill: none; }
.op { position: absolute; border: 3px solid #5b6477; border-radius: 10px; padding: 0.35rem 0.6rem; background: var(--op-transform); display: flex; flex-direction: column; justify-content: center; }
.op-input { background: var(--op-input); border-color: var(--accent); }
.op-output { background: var(--op-output); border-color: var(--ok); border-style: double; border-width: 5px; }
.op-name { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-weight: 700; font-size: 0.95rem; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.op-kind { font-size: 0.72rem; color: var(--muted); text-transform: uppercase; letter-spacing: 0.06em; }
.op-count { font-size: 1.5rem; font-weight: 800; font-variant-numeric: tabular-nums; }
.op-status { font-size: 1.05rem; margin-top: 0.2rem; }
.op-count-none { color: var(--muted); }
.op-count small { font-size: 0.75rem; font-weight: 500; color: var(--muted); margin-left: 0.25rem; }
.op-window { font-size: 0.75rem; color: var(--accent); font-weight: 700; }

/* Charts */
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 1rem; }
.chart-card { margin: 0; border: 1px solid var(--line); border-radius: 8px; padding: 0.5rem 0.7rem; background: #fff; }
.chart-card figcaption { display: flex; justify-content: space-between; align-items: baseline; margin-bottom: 0.2rem; }
.chart-name { font-weight: 700; font-size: 1.1rem; }
.avg { color: var(--muted); font-variant-numeric: tabular-nums; }
.chart { min-height: 220px; }
.uplot { font-family: inherit; }
.u-legend { font-size: 0.85rem; }

/* Windows */
.window-block { margin-bottom: 1rem; }
.window-title { font-weight: 700; margin-bottom: 0.3rem; }
.window-title code { font-size: 1rem; }
.timeline-grid { padding-bottom: 0.2rem; }
.cell { margin: 0 3px; text-align: center; border: 2px solid var(--line); border-radius: 6px; padding: 0.15rem 0.2rem; background: #fff; }
.cell-time { font-size: 0.72rem; color: var(--muted); font-variant-numeric: tabular-nums; }
.cell-records { font-size: 1.15rem; font-weight: 700; font-variant-numeric: tabular-nums; }
.cell.in-current { border-color: var(--accent); background: #e6efff; }
.piece { height: 0.9rem; }
.piece-current.on { border-bottom: 4px solid var(--accent); margin-top: 2px; }
.piece-current.on.first { border-left: 4px solid var(--accent); border-bottom-left-radius: 6px; margin-left: 3px; }
.piece-current.on.last { border-right: 4px solid var(--accent); border-bottom-right-radius: 6px; margin-right: 3px; }
.piece-previous.on { border-top: 4px dashed #5b6477; margin-bottom: 2px; }
.piece-previous.on.first { border-left: 4px dashed #5b6477; border-top-left-radius: 6px; margin-left: 3px; }
.piece-previous.on.last { border-right: 4px dashed #5b6477; border-top-right-radius: 6px; margin-right: 3px; }
.window-legend { font-size: 1rem; color: var(--ink); margin-top: 0.1rem; }
.window-legend .previous { color: var(--muted); }

/* Tables */
table.grid { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
table.grid th, table.grid td { border-bottom: 1px solid var(--line); padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; white-space: nowrap; }
table.grid th { white-space: normal; vertical-align: bottom; }
table.grid td:last-child { white-space: normal; width: 100%; min-width: 12rem; }
table.grid th { background: var(--panel); font-size: 0.9rem; }
table.grid .num { text-align: right; }
table.partitions { border-collapse: collapse; margin: 0 0 0.3rem 1.5rem; font-size: 0.9rem; font-variant-numeric: tabular-nums; }
table.partitions th, table.partitions td { padding: 0.1rem 0.6rem; border-bottom: 1px solid var(--line); text-align: left; }
table.partitions .num { text-align: right; }
table.grid table.partitions td:last-child { width: auto; min-width: 0; }
table.grid tr.partitions-row > td { background: #fff; }
.group-info { margin-left: 1.5rem; font-size: 0.9rem; color: var(--muted); }
.group-info ul.rebalances { margin: 0.2rem 0 0.3rem 0; padding-left: 1.2rem; }
table.grid tbody tr:nth-child(even) { background: #fafbfd; }
tr.row-failed { background: #fdecea !important; }
.status-completed { color: var(--ok); font-weight: 700; } .status-completed::before { content: "✓ "; }
.status-failed { color: var(--bad); font-weight: 700; } .status-failed::before { content: "✗ "; }
.status-processing { color: var(--accent); font-weight: 700; } .status-processing::before { content: "⟳ "; }
.status-queued { color: var(--muted); font-weight: 700; } .status-queued::before { content: "… "; }
.src-connected { color: var(--ok); font-weight: 700; } .src-connected::before { content: "● "; }
.src-retrying, .src-connecting { color: var(--warn); font-weight: 700; } .src-retrying::before, .src-connecting::before { content: "↻ "; }
.src-closed, .src-stopped { color: var(--idle); font-weight: 700; } .src-closed::before, .src-stopped::before { content: "○ "; }
.src-initialized { color: var(--idle); font-weight: 700; } .src-initialized::before { content: "◌ "; }
.error-text { color: var(--bad); font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.85rem; white-space: pre-wrap; word-break: break-word; }
.ops { display: flex; align-items: center; gap: 0.5rem; }
.ops-bar { width: 4rem; height: 0.8rem; border: 1px solid #5b6477; border-radius: 3px; overflow: hidden; background: #fff; }
.ops-fill { height: 100%; background: var(--ok); }
.pager { display: flex; gap: 1rem; align-items: center; margin-top: 0.5rem; }
.pager button { font: inherit; font-size: 0.95rem; padding: 0.25rem 0.8rem; border: 2px solid var(--ink); background: #fff; border-radius: 6px; cursor: pointer; }
.pager button:disabled { opacity: 0.4; cursor: default; }
/* Tabs */
.tabs { display: flex; gap: 0.3rem; }
.tabs a { color: #dbe6ff; text-decoration: none; padding: 0.2rem 0.8rem; border-radius: 6px; border: 2px solid transparent; font-weight: 600; }
.tabs a.current { color: #10243f; background: #ffd166; }
.tabs a:hover { border-color: #ffd166; }
.mono { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.8rem; }
table.grid tr.selected { outline: 3px solid var(--accent); outline-offset: -3px; }
.qstatus { font-weight: 700; }
.qstatus-active { color: var(--ok); } .qstatus-active::before { content: "▶ "; }
.qstatus-finished { color: var(--idle); } .qstatus-finished::before { content: "■ "; }
.qstatus-failed { color: var(--bad); } .qstatus-failed::before { content: "✗ "; }
.progress-json pre { background: var(--panel); padding: 0.6rem; overflow-x: auto; font-size: 0.8rem; }

/* Plan graphs */
.plan-graph { overflow-x: auto; }
.plan-svg .plan-edge { stroke: #5b6477; stroke-width: 2.5; fill: none; }
.plan-svg .plan-node rect { fill: #e6efff; stroke: var(--accent); stroke-width: 2.5; }
.plan-svg .plan-node-uncounted rect { fill: #fff; stroke: #5b6477; stroke-dasharray: 6 4; }
.plan-svg .plan-name { font-weight: 800; font-size: 15px; fill: var(--ink); }
.plan-svg .plan-detail { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 11px; fill: var(--muted); }
.plan-svg .plan-rows { font-weight: 700; font-size: 14px; fill: var(--ok); }
.plan-svg .plan-node-uncounted .plan-rows { fill: var(--muted); font-weight: 500; }

/* Watermark timeline */
.wm-timeline { overflow-x: auto; }
.wm-legend { display: flex; flex-wrap: wrap; gap: 0.4rem 1.4rem; margin: 0.2rem 0 0.4rem; font-size: 0.95rem; }
.lg-open { color: var(--accent); font-weight: 700; } .lg-emitted { color: var(--ok); font-weight: 700; } .lg-evicted { color: var(--idle); font-weight: 700; }
.lg-late { color: var(--bad); font-weight: 700; } .lg-wm { color: var(--bad); font-weight: 700; }
.wm-svg .wm-band { fill: #fff; } .wm-svg .wm-band.alt { fill: #f6f8fb; }
.wm-svg .wm-grid { stroke: var(--line); stroke-width: 1; }
.wm-svg .wm-tick { font-size: 12px; fill: var(--muted); font-variant-numeric: tabular-nums; }
.wm-svg .wm-label { font-weight: 700; font-size: 14px; fill: var(--ink); }
.wm-svg .wm-bracket { fill: none; stroke-width: 4; }
.wm-svg .wm-open .wm-bracket { stroke: var(--accent); }
.wm-svg .wm-emitted .wm-bracket { stroke: var(--ok); stroke-width: 6; }
.wm-svg .wm-evicted .wm-bracket { stroke: #8a93a5; stroke-dasharray: 8 5; }
.wm-svg .wm-late .wm-bracket { stroke: var(--bad); stroke-dasharray: 3 4; stroke-width: 2; }
.wm-svg .wm-count { font-size: 12px; font-weight: 700; fill: var(--ink); }
.wm-svg .wm-emitted .wm-count { fill: var(--ok); }
.wm-svg text.wm-late { font-size: 12px; font-weight: 800; fill: var(--bad); }
.wm-svg .wm-line { stroke: var(--bad); stroke-width: 3; }
.wm-svg .wm-path { stroke: var(--bad); stroke-width: 1.5; stroke-dasharray: 4 4; fill: none; }
.wm-svg .wm-none { font-size: 12px; fill: var(--muted); }

/* Latest result */
.result-chart { max-width: 900px; margin-bottom: 0.6rem; }
.bar-caption { margin: 0 0 0.3rem; color: var(--muted); }
.bar-row { display: grid; grid-template-columns: minmax(8rem, 22rem) 1fr 5rem; gap: 0.6rem; align-items: center; margin: 0.15rem 0; }
.bar-label { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.85rem; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.bar-track { background: var(--panel); height: 1.1rem; border-radius: 3px; overflow: hidden; }
.bar-fill { display: block; height: 100%; background: var(--accent); }
.bar-value { text-align: right; font-weight: 700; font-variant-numeric: tabular-nums; }
table.grid.result td:last-child { width: auto; }
`;
