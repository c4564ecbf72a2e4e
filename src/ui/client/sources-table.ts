/**
 * The Input Streams table: each source with its status in words and symbol, its rate in the last
 * batch, what it has received in all, and its last error (with the time) or last message. A
 * source read by offsets (Kafka) gets a second row: the partitions this process reads, with
 * offset, end and lag, and for a consumer group its generation and the rebalances seen.
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
    ...rows.flatMap((s) => {
      const main = el(
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
      );
      return s.partitions === null ? [main] : [main, partitionsRow(s)];
    }),
  );
}

/** The partitions this process reads, and the group's rebalances. */
function partitionsRow(s: SourceView): HTMLTableRowElement {
  const parts = s.partitions ?? [];
  const table = el(
    'table',
    { class: 'partitions', attrs: { 'data-partitions': String(s.id) } },
    el('thead', {}, el('tr', {}, el('th', {}, 'partition'), el('th', { class: 'num' }, 'offset'), el('th', { class: 'num' }, 'end'), el('th', { class: 'num' }, 'lag'))),
    el(
      'tbody',
      {},
      ...(parts.length === 0
        ? [el('tr', {}, el('td', { attrs: { colspan: '4' } }, s.group ? 'no partition assigned to this process' : 'no partition yet'))]
        : parts.map((p) =>
            el(
              'tr',
              {},
              el('td', {}, el('code', {}, `${p.topic}-${p.partition}`)),
              el('td', { class: 'num' }, formatCount(p.offset)),
              el('td', { class: 'num' }, p.latest === null ? '–' : formatCount(p.latest)),
              el('td', { class: 'num' }, p.latest === null ? '–' : formatCount(Math.max(0, p.latest - p.offset))),
            ),
          )),
    ),
  );
  const g = s.group;
  const group =
    g === null
      ? null
      : el(
          'div',
          { class: 'group-info' },
          `consumer group ${g.id}, generation ${g.generation}`,
          ...(g.rebalances.length === 0
            ? []
            : [
                el(
                  'ul',
                  { class: 'rebalances' },
                  ...g.rebalances
                    .slice(-5)
                    .reverse()
                    .map((r) => el('li', {}, `${formatClock(r.time)} rebalance, generation ${r.generation}: reads ${r.partitions.length > 0 ? r.partitions.join(', ') : 'no partition'}`)),
                ),
              ]),
        );
  return el('tr', { class: 'partitions-row', attrs: { 'data-source-partitions': String(s.id) } }, el('td', { attrs: { colspan: '5' } }, table, group));
}
