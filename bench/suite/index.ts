/** The suite, in the reference's order. */
import { b1 } from './b1-ingest.js';
import { b2 } from './b2-wordcount.js';
import { b3 } from './b3-rate.js';
import { b4 } from './b4-window.js';
import { b5 } from './b5-state.js';
import { b6 } from './b6-latency.js';
import { b7 } from './b7-shell.js';
import { b8 } from './b8-memory.js';
import { b9 } from './b9-dataframes.js';
import { b10 } from './b10-connect.js';
import { b11 } from './b11-structured.js';
import { b14 } from './b14-kafka.js';
import { b15 } from './b15-remote.js';
import type { Benchmark } from './types.js';

/**
 * Every benchmark `npm run bench` runs: B1–B9, B10 (Spark Connect, which needs a server in
 * SPARK_REMOTE), B11 (Structured Streaming), B14 (Kafka, which needs the broker of
 * scripts/services.mjs) and B15 (local vs remote, SPARK_REMOTE again).
 */
export const SUITE: readonly Benchmark[] = [b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, b14, b15];
