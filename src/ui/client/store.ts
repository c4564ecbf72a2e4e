/**
 * The page's state, rebuilt from server messages. Pure (no DOM), so its rules are tested in
 * Node: a snapshot replaces everything, a batch message updates one row, and a new context id
 * means the old context is remembered as "previous".
 */
import type {
  BatchView,
  ContextView,
  GraphNodeView,
  PreviousContext,
  ServerMessage,
  SourceView,
  Totals,
} from '../protocol.js';

/** The page keeps at most this many batches, as the server does. */
export const MAX_BATCHES = 1000;

/** Everything the page draws. */
export interface PageState {
  now: number;
  context: ContextView | null;
  graph: readonly GraphNodeView[];
  /** Oldest first. */
  batches: BatchView[];
  sources: Map<number, SourceView>;
  totals: Totals;
  previous: PreviousContext | null;
}

/** The state before the first snapshot. */
export function emptyState(): PageState {
  return {
    now: 0,
    context: null,
    graph: [],
    batches: [],
    sources: new Map(),
    totals: { completedBatches: 0, totalRecords: 0 },
    previous: null,
  };
}

/** Which parts of the page a message touched, so only those are redrawn. */
export interface Changes {
  readonly all: boolean;
  readonly context: boolean;
  readonly batches: boolean;
  readonly sources: boolean;
}

const NONE: Changes = { all: false, context: false, batches: false, sources: false };

/** Applies one message to the state in place and says what changed. */
export function applyMessage(state: PageState, message: ServerMessage): Changes {
  switch (message.type) {
    case 'snapshot':
      state.now = message.now;
      state.context = message.context;
      state.graph = message.graph;
      state.batches = [...message.batches].sort((a, b) => a.batchTime - b.batchTime).slice(-MAX_BATCHES);
      state.sources = new Map(message.sources.map((s) => [s.id, s]));
      state.totals = message.totals;
      state.previous = message.previous;
      return { all: true, context: true, batches: true, sources: true };
    case 'context':
      // A message about another context than the one on screen is stale: a snapshot follows a switch.
      if (state.context !== null && message.context.id !== state.context.id) return NONE;
      state.now = message.now;
      state.context = message.context;
      state.graph = message.graph;
      return { ...NONE, context: true };
    case 'batch':
      state.now = message.now;
      state.totals = message.totals;
      upsertBatch(state.batches, message.batch);
      return { ...NONE, batches: true, context: true };
    case 'source':
      state.now = message.now;
      state.sources.set(message.source.id, message.source);
      return { ...NONE, sources: true };
    case 'clock':
      state.now = message.now;
      return { ...NONE, context: true };
    case 'pong':
    case 'queries':
    case 'query':
    case 'sqlExecution':
      // The Structured Streaming and SQL tabs keep their own state (query-store.ts).
      return NONE;
  }
}

function upsertBatch(batches: BatchView[], batch: BatchView): void {
  // Batches nearly always arrive for the newest rows, so search from the end.
  for (let i = batches.length - 1; i >= 0; i--) {
    const time = batches[i]?.batchTime ?? Number.NEGATIVE_INFINITY;
    if (time === batch.batchTime) {
      batches[i] = batch;
      return;
    }
    if (time < batch.batchTime) {
      batches.splice(i + 1, 0, batch);
      if (batches.length > MAX_BATCHES) batches.splice(0, batches.length - MAX_BATCHES);
      return;
    }
  }
  batches.unshift(batch);
  if (batches.length > MAX_BATCHES) batches.splice(0, batches.length - MAX_BATCHES);
}

/** The completed (or failed) batches, oldest first: what charts and averages are made of. */
export function finishedBatches(state: PageState): BatchView[] {
  return state.batches.filter((b) => b.status === 'completed' || b.status === 'failed');
}
