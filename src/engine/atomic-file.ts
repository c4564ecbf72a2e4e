/**
 * Replacing a file whole, safely: the new content goes to a private temporary file in the same
 * directory, created exclusively (`O_EXCL`: never through a symlink or over a file someone else
 * placed there) with a random name and mode 0600, and is renamed over the target only once
 * complete. A crash leaves the old file or the new one, never half of either. Used for
 * checkpoints and for the shell's history.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fchmodSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** How {@link writeFileAtomic} writes. */
export interface AtomicWriteOptions {
  /** Permission bits of the file (default 0o600: readable by its owner only). */
  readonly mode?: number;
  /**
   * Flush the file before the rename and the directory after it, so that after a power loss the
   * name points at the complete new file (default false).
   */
  readonly durable?: boolean;
}

// Exclusive creation: fails on any existing entry, a symlink included (O_NOFOLLOW where it exists).
const CREATE_EXCLUSIVE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

/** Opens a new temporary file next to `file`; a name already taken is skipped for another. */
function openTemp(file: string, mode: number): { tmp: string; fd: number } {
  for (let attempt = 0; ; attempt++) {
    const tmp = `${file}.tmp-${randomBytes(8).toString('hex')}`;
    try {
      return { tmp, fd: openSync(tmp, CREATE_EXCLUSIVE, mode) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 8) throw e;
    }
  }
}

/** Writes `chunks` as the new content of `file`, atomically (see the module comment). */
export function writeFileAtomic(file: string, chunks: ReadonlyArray<string | Uint8Array>, options: AtomicWriteOptions = {}): void {
  const mode = options.mode ?? 0o600;
  const { tmp, fd } = openTemp(file, mode);
  try {
    try {
      // The umask may have taken bits away; the file gets exactly `mode`.
      fchmodSync(fd, mode);
      // writeFileSync on a descriptor writes all of it at the current position (writeSync may write part).
      for (const chunk of chunks) writeFileSync(fd, chunk);
      if (options.durable) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  if (options.durable) syncDirectory(dirname(file));
}

/** Flushes a directory's entries (the rename) to disk. Windows has no such call; its rename is already durable. */
function syncDirectory(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, constants.O_RDONLY);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
