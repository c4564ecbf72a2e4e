/**
 * The file sink's log, `<output>/_spark_metadata/`, as Spark's FileStreamSinkLog: one file per
 * micro-batch (`v1` then one JSON line per file written: path, size, isDir, modificationTime,
 * blockReplication, blockSize, action), every 10th batch a `<id>.compact` file holding all
 * entries so far. Readers of the output directory read only the files this log lists, so a
 * batch that failed halfway (files written, log not) is invisible, and a restarted batch is not
 * read twice.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { localPath } from './paths.js';

/** The log directory's name. */
export const SINK_LOG_DIR = '_spark_metadata';
/** Spark's `spark.sql.streaming.fileSink.log.compactInterval` default. */
export const COMPACT_INTERVAL = 10;

/** One file of the log, in Spark's field order. */
export interface SinkFileStatus {
  readonly path: string;
  readonly size: number;
  readonly isDir: boolean;
  readonly modificationTime: number;
  readonly blockReplication: number;
  readonly blockSize: number;
  readonly action: 'add' | 'delete';
}

/** True when `dir` holds a file sink's log (Spark's `FileStreamSink.hasMetadata`). */
export function hasSinkLog(dir: string): boolean {
  return existsSync(join(dir, SINK_LOG_DIR));
}

function parse(text: string): SinkFileStatus[] {
  const lines = text.split('\n');
  return lines.slice(1).filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as SinkFileStatus);
}

/** The batch ids in the log (compact files included), ascending, with whether each is compacted. */
function batches(logDir: string): Array<{ id: number; compact: boolean }> {
  let names: string[];
  try {
    names = readdirSync(logDir);
  } catch {
    return [];
  }
  const out: Array<{ id: number; compact: boolean }> = [];
  for (const n of names) {
    const m = /^(\d+)(\.compact)?$/.exec(n);
    if (m) out.push({ id: Number(m[1]), compact: m[2] !== undefined });
  }
  return out.sort((a, b) => a.id - b.id);
}

/** The latest batch id the log has committed, or -1. */
export function latestSinkBatch(dir: string): number {
  const b = batches(join(dir, SINK_LOG_DIR));
  return b.length === 0 ? -1 : b[b.length - 1]!.id;
}

/** The local paths of the files the log lists as added (and not deleted). */
export function sinkLogFiles(dir: string): string[] {
  return [...liveEntries(dir).keys()].map((p) => localPath(p));
}

/** The log's live entries by path: the latest compaction, then the batches after it. */
function liveEntries(dir: string): Map<string, SinkFileStatus> {
  const logDir = join(dir, SINK_LOG_DIR);
  const all = batches(logDir);
  let start = 0;
  for (let i = all.length - 1; i >= 0; i--) {
    if (all[i]!.compact) {
      start = i;
      break;
    }
  }
  const live = new Map<string, SinkFileStatus>();
  for (const b of all.slice(start)) {
    for (const f of parse(readFileSync(join(logDir, b.compact ? `${b.id}.compact` : String(b.id)), 'utf8'))) {
      if (f.action === 'delete') live.delete(f.path);
      else live.set(f.path, f);
    }
  }
  return live;
}

/** Commits batch `batchId`'s files: a plain entry, or a compaction of everything on every 10th batch. */
export function commitSinkBatch(dir: string, batchId: number, files: readonly SinkFileStatus[]): void {
  const logDir = join(dir, SINK_LOG_DIR);
  mkdirSync(logDir, { recursive: true });
  let entries = files;
  let name = String(batchId);
  if ((batchId + 1) % COMPACT_INTERVAL === 0) {
    const byPath = liveEntries(dir);
    for (const f of files) byPath.set(f.path, f);
    entries = [...byPath.values()];
    name = `${batchId}.compact`;
  }
  const text = 'v1\n' + entries.map((f) => JSON.stringify(f)).join('\n');
  const tmp = join(logDir, `.${name}.${randomUUID()}.tmp`);
  writeFileSync(tmp, text);
  renameSync(tmp, join(logDir, name));
}
