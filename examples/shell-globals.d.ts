/**
 * What the shell and `tspark run` bind before a demo runs, so the demos typecheck as files.
 */
import type { SparkContext, StreamingContext } from '../src/index.js';

declare global {
  /** The shell's SparkContext. */
  const sc: SparkContext;
  /** The shell's StreamingContext (a fresh one after each stop). */
  const ssc: StreamingContext;
}

export {};
