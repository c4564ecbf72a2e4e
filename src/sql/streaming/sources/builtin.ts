/**
 * The built-in streaming sources and sinks, registered when this module is imported:
 * `socket`, `rate`, `rate-micro-batch`, `memory` (MemoryStream), `console`, `noop`, and
 * streaming reads and writes for the file formats csv, json, text and parquet.
 */
import { csvSource, jsonSource, parquetSource, textSource } from '../../sources/builtin.js';
import { registerDataSource } from '../../sources/registry.js';
import { consoleProvider, noopProvider } from '../sinks/console.js';
import { withFileStreamSink } from '../sinks/file-sink.js';
import { withFileStreamSource } from './file-source.js';
import { memoryStreamProvider } from './memory-stream.js';
import { rateMicroBatchProvider, rateProvider } from './rate.js';
import { socketProvider } from './socket.js';

for (const p of [csvSource, jsonSource, textSource, parquetSource]) registerDataSource(withFileStreamSink(withFileStreamSource(p), p.format));
for (const p of [socketProvider, rateProvider, rateMicroBatchProvider, memoryStreamProvider, consoleProvider, noopProvider]) registerDataSource(p);
