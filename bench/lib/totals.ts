/** The correctness side of a consumer: all batches' counts merged, to check against the generator. */
import { countsFingerprint } from '../generator/corpus.js';

/** Grand totals over every batch of a run. */
export class Totals {
  private readonly counts = new Map<string, number>();
  words = 0;

  /** Adds one batch's counts. */
  add(batch: Iterable<readonly [string, number]>): void {
    for (const [w, n] of batch) {
      this.counts.set(w, (this.counts.get(w) ?? 0) + n);
      this.words += n;
    }
  }

  /** Fingerprint of the merged counts (equal to the generator's when nothing was lost or split wrong). */
  fingerprint(): number {
    return countsFingerprint(this.counts);
  }
}
