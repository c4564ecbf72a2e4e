/**
 * The Streaming page's HTML: a static skeleton with stable ids that the client script fills in.
 * Nothing in it comes from user data, so it is a constant; the script writes user data with
 * `textContent` only.
 */

const chart = (id: string, name: string, help: string): string => `
      <figure class="chart-card" id="chart-${id}">
        <figcaption><span class="chart-name" title="${help}">${name}</span> <span class="avg" id="avg-${id}"></span></figcaption>
        <div class="chart" data-points="0"></div>
      </figure>`;

const STRUCTURED = `
  <main id="tab-structured" hidden>
    <section aria-labelledby="sq-active-title">
      <h2 id="sq-active-title">Active Streaming Queries (0)</h2>
      <table id="sq-active" class="grid queries">
        <thead><tr><th>Name</th><th>Status</th><th>ID</th><th>Run ID</th><th>Start Time</th><th class="num">Duration</th><th class="num">Avg Input /sec</th><th class="num">Avg Process /sec</th><th class="num">Latest Batch</th></tr></thead>
        <tbody><tr class="empty-row"><td colspan="9">No streaming queries yet: start one with <code>df.writeStream…start()</code>.</td></tr></tbody>
      </table>
    </section>
    <section aria-labelledby="sq-completed-title">
      <h2 id="sq-completed-title">Completed Streaming Queries (0)</h2>
      <table id="sq-completed" class="grid queries">
        <thead><tr><th>Name</th><th>Status</th><th>ID</th><th>Run ID</th><th>Start Time</th><th class="num">Duration</th><th class="num">Avg Input /sec</th><th class="num">Avg Process /sec</th><th class="num">Latest Batch</th><th>Error</th></tr></thead>
        <tbody><tr class="empty-row"><td colspan="10">None.</td></tr></tbody>
      </table>
    </section>
    <section id="sq-detail" aria-labelledby="sq-title" hidden>
      <h2 id="sq-title">Streaming Query Statistics</h2>
      <p id="sq-summary" class="summary"></p>
      <dl class="facts">
        <div><dt>Name</dt><dd id="sq-name">-</dd></div>
        <div><dt>Id</dt><dd id="sq-id">-</dd></div>
        <div><dt>RunId</dt><dd id="sq-runid">-</dd></div>
        <div><dt>Status</dt><dd id="sq-message">-</dd></div>
      </dl>
      <div class="charts" id="sq-charts">${[
        chart('sq-input', 'Input Rate', 'Rows per second the sources delivered (inputRowsPerSecond)'),
        chart('sq-process', 'Process Rate', 'Rows per second the query processed (processedRowsPerSecond)'),
        chart('sq-rows', 'Input Rows', 'Rows in each batch (numInputRows)'),
        chart('sq-duration', 'Batch Duration', 'Time to run each batch (durationMs.triggerExecution)'),
        chart('sq-ops', 'Operation Duration', 'durationMs by operation: addBatch, getBatch, latestOffset, queryPlanning, walCommit, commitOffsets'),
        chart('sq-watermark', 'Global Watermark Gap', 'Batch time minus the global watermark (eventTime.watermark)'),
        chart('sq-state', 'Aggregated Number Of Total State Rows', 'Sum of stateOperators[].numRowsTotal'),
        chart('sq-dropped', 'Aggregated Number Of Rows Dropped By Watermark', 'Sum of stateOperators[].numRowsDroppedByWatermark'),
      ].join('')}
      </div>
      <section id="sq-timeline-section" aria-labelledby="sq-timeline-title" hidden>
        <h2 id="sq-timeline-title">Watermark timeline <span class="sub">event time →; one row per batch; numbers from the engine</span></h2>
        <div id="sq-timeline" class="wm-timeline"></div>
      </section>
      <section aria-labelledby="sq-plan-title">
        <h2 id="sq-plan-title">Plan <span class="sub" id="sq-plan-sub">rows each operator emitted in the last batch</span></h2>
        <div id="sq-plan" class="plan-graph"><p class="empty">No batch has run yet.</p></div>
      </section>
      <section aria-labelledby="sq-result-title">
        <h2 id="sq-result-title">Latest result <span class="sub" id="sq-result-sub"></span></h2>
        <div id="sq-result-chart" class="result-chart"></div>
        <table id="sq-result" class="grid result"><thead></thead><tbody></tbody></table>
      </section>
      <details class="progress-json"><summary>Last progress (as <code>query.lastProgress</code>)</summary><pre id="sq-progress"></pre></details>
    </section>
  </main>`;

const SQL = `
  <main id="tab-sql" hidden>
    <section aria-labelledby="sql-title">
      <h2 id="sql-title">Completed Queries (0)</h2>
      <table id="sql-list" class="grid">
        <thead><tr><th class="num">ID</th><th>Description</th><th>Submitted</th><th class="num">Duration</th><th>Status</th><th class="num">Output Rows</th><th>Error</th></tr></thead>
        <tbody><tr class="empty-row"><td colspan="7">No DataFrame or SQL action has run yet: try <code>spark.range(10).show()</code>.</td></tr></tbody>
      </table>
    </section>
    <section id="sql-detail" aria-labelledby="sql-detail-title" hidden>
      <h2 id="sql-detail-title">Details for Query</h2>
      <p id="sql-detail-summary" class="summary"></p>
      <div id="sql-plan" class="plan-graph"></div>
    </section>
  </main>`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Streaming Statistics - tspark</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/static/uPlot.min.css">
  <link rel="stylesheet" href="/static/app.css">
  <script defer src="/static/app.js"></script>
</head>
<body>
  <header class="top">
    <span class="brand">tspark</span>
    <h1 id="page-title">Streaming Statistics</h1>
    <nav class="tabs" aria-label="Tabs">
      <a id="tab-link-streaming" href="/streaming/">Streaming</a>
      <a id="tab-link-structured" href="/StreamingQuery/">Structured Streaming</a>
      <a id="tab-link-sql" href="/SQL/">SQL / DataFrame</a>
    </nav>
    <span id="conn" class="conn conn-connecting" role="status">connecting…</span>
  </header>
  <main id="tab-streaming">
    <section id="summary-section" aria-label="Summary">
      <p id="summary" class="summary">Waiting for the tspark shell…</p>
      <dl class="facts">
        <div><dt>State</dt><dd><span id="ctx-state" class="state">-</span></dd></div>
        <div><dt>Master</dt><dd id="ctx-master">-</dd></div>
        <div><dt>App</dt><dd id="ctx-app">-</dd></div>
        <div><dt>Batch interval</dt><dd id="ctx-interval">-</dd></div>
      </dl>
      <p id="previous" class="note" hidden></p>
    </section>

    <section id="pipeline-section" aria-labelledby="pipeline-title">
      <h2 id="pipeline-title">Pipeline <span class="sub" id="pipeline-sub">records through each operator in the last batch</span></h2>
      <div id="pipeline" class="pipeline"><p class="empty">No operators yet: define a DStream, e.g. <code>ssc.socketTextStream("localhost", 9999)</code></p></div>
    </section>

    <section id="charts-section" aria-labelledby="charts-title">
      <h2 id="charts-title">Timelines</h2>
      <div class="charts">${chart('input', 'Input Rate', 'Records received per second in each batch')}${chart(
        'scheduling',
        'Scheduling Delay',
        'Time taken by Streaming scheduler to submit jobs of a batch',
      )}${chart('processing', 'Processing Time', 'Time taken to process all jobs of a batch')}${chart(
        'total',
        'Total Delay',
        'Total time taken to handle a batch',
      )}
      </div>
    </section>

    <section id="windows-section" aria-labelledby="windows-title" hidden>
      <h2 id="windows-title">Windows</h2>
      <div id="windows"></div>
    </section>

    <section id="sources-section" aria-labelledby="sources-title">
      <h2 id="sources-title">Input Streams</h2>
      <table id="sources" class="grid">
        <thead><tr><th>Input stream</th><th>Status</th><th class="num">Records/s</th><th class="num">Received</th><th>Last message or error</th></tr></thead>
        <tbody><tr class="empty-row"><td colspan="5">No input streams yet.</td></tr></tbody>
      </table>
    </section>

    <section id="batches-section" aria-labelledby="batches-title">
      <h2 id="batches-title">Batches</h2>
      <table id="batches" class="grid">
        <thead><tr>
          <th>Batch Time</th><th class="num">Records</th><th class="num">Scheduling Delay</th><th class="num">Processing Time</th>
          <th class="num">Total Delay</th><th>Output Ops: Succeeded/Total</th><th>Status</th><th>Error</th>
        </tr></thead>
        <tbody><tr class="empty-row"><td colspan="8">No batches yet: they start after <code>ssc.start()</code>.</td></tr></tbody>
      </table>
      <nav class="pager" aria-label="Batch pages">
        <button type="button" id="page-newer">&larr; Newer</button>
        <span id="page-info">Page 1 of 1</span>
        <button type="button" id="page-older">Older &rarr;</button>
      </nav>
    </section>
  </main>
${STRUCTURED}
${SQL}
</body>
</html>
`;

/** The page served at /streaming/. */
export function pageHtml(): string {
  return PAGE;
}
