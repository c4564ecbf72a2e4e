/**
 * In-memory batches for the stateful benchmarks (B4, B5), cut from a fixed-seed corpus, so the
 * tspark contender and the hand-written floor process the very same lines; the socket is left
 * out because those benchmarks time the window and state stages, not ingest.
 */
import { buildCorpus } from '../generator/corpus.js';

/** How to cut the batches. */
export interface BatchPlan {
  readonly batches: number;
  readonly linesPerBatch: number;
  /** Distinct words to draw from (1,000,000 for the high-cardinality variant). */
  readonly vocabulary: number;
  /** Zipf exponent; 0 draws uniformly. */
  readonly zipfS: number;
  readonly seed?: number;
}

/** Builds `batches` arrays of `linesPerBatch` lines each. */
export function makeBatches(plan: BatchPlan): string[][] {
  const want = plan.batches * plan.linesPerBatch;
  // 4–8 words of 2–9 letters: at most 80 bytes a line.
  const corpus = buildCorpus({ maxBytes: want * 80, vocabulary: plan.vocabulary, zipfS: plan.zipfS, seed: plan.seed ?? 12345 });
  const lines = corpus.bytes.toString('latin1').split('\n', want);
  if (lines.length < want) throw new Error(`corpus too small: ${lines.length} lines for ${want}`);
  const out: string[][] = [];
  for (let b = 0; b < plan.batches; b++) out.push(lines.slice(b * plan.linesPerBatch, (b + 1) * plan.linesPerBatch));
  return out;
}

/** Word counts of some batches, by a plain loop: the expected answer. */
export function countWords(batches: readonly (readonly string[])[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const batch of batches) for (const line of batch) for (const w of line.split(' ')) m.set(w, (m.get(w) ?? 0) + 1);
  return m;
}
