/**
 * The Input Streams table: each source with its status in words and symbol, its rate in the last
 * batch, what it has received in all, and its last error (with the time) or last message.
 */
import { formatClock, formatCount, formatRate } from '../format.js';
import type { SourceView } from '../protocol.js';
import { el, fill } from './dom.js';

/** Redraws the table body. */
export function renderSources(table: HTMLTableElement, sources: ReadonlyMap<number, SourceView>): void {
  const body = table.tBodies[0];
  if (!body) return;
  const rows = [...sources.values()].sort((a, b) => a.id - b.id);
  if (rows.length === 0) {
    fill(body, el('tr', { class: 'empty-row' }, el('td', { attrs: { colspan: '5' } }, 'No input streams yet.')));
    return;
  }
  fill(
    body,
    ...rows.map((s) =>
      el(
        'tr',
        { attrs: { 'data-source': String(s.id) } },
        el('td', {}, el('code', {}, s.name)),
        el('td', {}, el('span', { class: `src-${s.state}` }, s.state)),
        el('td', { class: 'num' }, formatRate(s.ratePerSec)),
        el('td', { class: 'num' }, formatCount(s.recordsReceived)),
        el(
          'td',
          {},
          s.lastError !== null
            ? el('span', { class: 'error-text' }, `${s.lastErrorTime !== null ? `${formatClock(s.lastErrorTime)} ` : ''}${s.lastError}`)
            : (s.lastMessage ?? '–'),
        ),
      ),
    ),
  );
}
