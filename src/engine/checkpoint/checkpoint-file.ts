/**
 * The checkpoint file: one file per checkpoint directory, replaced atomically (written to a
 * private temporary file, flushed, renamed over the old one, and the directory flushed), so a
 * crash or a power loss in the middle of a write leaves the previous checkpoint intact. The body is V8's structured serialisation (numbers,
 * strings, arrays, plain objects, Maps, Sets, Dates, typed arrays), preceded by a one-line JSON
 * header with the format version and a SHA-256 of the body, so damage is detected, not guessed.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { writeFileAtomic } from '../atomic-file.js';
import { CheckpointError } from '../errors.js';

/** Name of the checkpoint file inside the checkpoint directory. */
export const CHECKPOINT_FILE = 'tspark-checkpoint';
const FORMAT = 'tspark-checkpoint';
/** Bumped when the body's layout changes; an older or newer file is refused with a clear error. */
export const CHECKPOINT_VERSION = 1;

/** What one checkpoint holds. */
export interface CheckpointData {
  /** Batch interval of the context that wrote it, in ms. */
  readonly batchMs: number;
  /** Batch time the checkpoint was taken after. */
  readonly time: number;
  /** Saved state of stateful streams and windows, by stream key (`<position in graph>:<operator>`). */
  readonly streams: ReadonlyArray<readonly [string, unknown]>;
  /** Saved positions of inputs that can resume, by input key (`<position>:<name>`). */
  readonly inputs: ReadonlyArray<readonly [string, unknown]>;
}

interface Header {
  format: string;
  version: number;
  bytes: number;
  sha256: string;
}

/** Path of the checkpoint file in `dir`. */
export function checkpointFile(dir: string): string {
  return join(dir, CHECKPOINT_FILE);
}

/**
 * Writes `data` to `dir` atomically and durably, readable by its owner only (atomic-file.ts).
 * Throws when a value cannot be serialised (a function in state).
 */
export function writeCheckpoint(dir: string, data: CheckpointData): void {
  const body = serialize(data);
  const header: Header = { format: FORMAT, version: CHECKPOINT_VERSION, bytes: body.length, sha256: sha256(body) };
  writeFileAtomic(checkpointFile(dir), [JSON.stringify(header) + '\n', body], { mode: 0o600, durable: true });
}

/** True when `dir` holds a checkpoint file (valid or not). */
export function hasCheckpoint(dir: string): boolean {
  return existsSync(checkpointFile(dir));
}

/** Reads and verifies the checkpoint in `dir`; a damaged or foreign file is a CheckpointError naming it. */
export function readCheckpoint(dir: string): CheckpointData {
  const file = checkpointFile(dir);
  const what = 'Delete the file (or the whole checkpoint directory) to start from zero, or pass getOrCreate another directory.';
  let raw: Buffer;
  try {
    raw = readFileSync(file);
  } catch (e) {
    throw new CheckpointError('ERR_CHECKPOINT_INVALID', `Cannot read checkpoint file ${file}: ${e instanceof Error ? e.message : String(e)}`, { file, cause: e });
  }
  const nl = raw.indexOf(0x0a);
  let header: Partial<Header> | undefined;
  try {
    header = nl > 0 ? (JSON.parse(raw.subarray(0, nl).toString('utf8')) as Partial<Header>) : undefined;
  } catch {
    header = undefined;
  }
  if (!header || header.format !== FORMAT) {
    throw new CheckpointError('ERR_CHECKPOINT_INVALID', `Checkpoint file ${file} is not a tspark checkpoint (its header is missing or unreadable). ${what}`, { file });
  }
  if (header.version !== CHECKPOINT_VERSION) {
    throw new CheckpointError(
      'ERR_CHECKPOINT_INVALID',
      `Checkpoint file ${file} has format version ${String(header.version)}; this tspark reads version ${CHECKPOINT_VERSION}. ${what}`,
      { file },
    );
  }
  const body = raw.subarray(nl + 1);
  if (body.length !== header.bytes || sha256(body) !== header.sha256) {
    throw new CheckpointError(
      'ERR_CHECKPOINT_INVALID',
      `Checkpoint file ${file} is corrupt: ${body.length !== header.bytes ? `${body.length} of ${String(header.bytes)} bytes present` : 'its checksum does not match'}. ${what}`,
      { file },
    );
  }
  let data: unknown;
  try {
    data = deserialize(body);
  } catch (e) {
    throw new CheckpointError('ERR_CHECKPOINT_INVALID', `Checkpoint file ${file} is corrupt: ${e instanceof Error ? e.message : String(e)}. ${what}`, { file, cause: e });
  }
  if (!isCheckpointData(data)) throw new CheckpointError('ERR_CHECKPOINT_INVALID', `Checkpoint file ${file} has an unexpected layout. ${what}`, { file });
  return data;
}

function isCheckpointData(v: unknown): v is CheckpointData {
  if (typeof v !== 'object' || v === null) return false;
  const d = v as Record<string, unknown>;
  const isEntries = (x: unknown): boolean => Array.isArray(x) && x.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string');
  return typeof d.batchMs === 'number' && typeof d.time === 'number' && isEntries(d.streams) && isEntries(d.inputs);
}

function sha256(b: Uint8Array): string {
  return createHash('sha256').update(b).digest('hex');
}
