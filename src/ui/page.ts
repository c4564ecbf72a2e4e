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
    <h1>Streaming Statistics</h1>
    <span id="conn" class="conn conn-connecting" role="status">connecting…</span>
  </header>
  <main>
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
</body>
</html>
`;

/** The page served at /streaming/. */
export function pageHtml(): string {
  return PAGE;
}
