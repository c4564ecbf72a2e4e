/**
 * Input paths as Spark's file sources take them: local paths or `file:` URIs, Hadoop globs
 * (`*`, `?`, `[ab]`, `[^a]`, `{x,y}`), files or directories. A directory is listed recursively;
 * names starting with `_` or `.` are skipped as Spark skips them (`_SUCCESS`, `_temporary`,
 * `.part-0.crc`), except `_`-names that hold `=` (partition directories such as `_k=1`).
 */
import { readdirSync, statSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { AnalysisException, SparkArgumentError } from '../../errors.js';
import type { FileInfo } from './file-format.js';
import { hasSinkLog, sinkLogFiles } from './sink-log.js';

/** The local path of a user path: `file:///tmp/x`, `file:/tmp/x` and `/tmp/x` are the same. */
export function localPath(path: string): string {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(path);
  if (m && m[1]!.length > 1) {
    if (m[1]!.toLowerCase() !== 'file') {
      throw new SparkArgumentError('INVALID_ARGUMENT', {
        message: `No FileSystem for scheme "${m[1]}" (path ${path}): tspark reads and writes local files only; use a local path or file:/…`,
      });
    }
    let rest = path.slice(m[0].length);
    if (rest.startsWith('//')) rest = rest.slice(2).replace(/^localhost(?=\/)/, '');
    return resolve(decodeURIComponent(rest));
  }
  return isAbsolute(path) ? resolve(path) : resolve(process.cwd(), path);
}

/** Spark's qualified form of a local path, as its messages print it: `file:/tmp/x`. */
export function qualified(local: string): string {
  return 'file:' + local.split(sep).join('/');
}

/** True for names Spark's file listing leaves out. */
export function isHiddenName(name: string): boolean {
  return (name.startsWith('_') && !name.includes('=')) || name.startsWith('.') || name.endsWith('._COPYING_');
}

/** True when the path has Hadoop glob characters. */
export function hasGlob(path: string): boolean {
  return /[*?[{]/.test(path);
}

/** One resolved root: the files under it and the directory partition discovery starts from. */
export interface ListedRoot {
  readonly root: string;
  /** For a directory root, the root itself; for a file root, its parent. */
  readonly basePath: string;
  readonly files: FileInfo[];
}

/** Options that change what a listing keeps. */
export interface ListingOptions {
  /** `pathGlobFilter`: a glob the file names (not directories) must match. */
  readonly fileNameGlob?: string;
  /** `recursiveFileLookup`: list all files under directories and skip partition discovery. */
  readonly recursive?: boolean;
}

/**
 * Resolves user paths into files, with Spark's `[PATH_NOT_FOUND]` for a path (or glob) that
 * matches nothing. Files come sorted by path within each root.
 */
export function listInputs(paths: readonly string[], options: ListingOptions = {}): ListedRoot[] {
  const nameFilter = options.fileNameGlob !== undefined ? globToRegExp(options.fileNameGlob) : undefined;
  const roots: ListedRoot[] = [];
  for (const p of paths) {
    const local = localPath(p);
    const matches = hasGlob(local) ? expandGlob(local) : existing(local);
    if (matches.length === 0) throw new AnalysisException('PATH_NOT_FOUND', { path: qualified(local) });
    for (const m of matches) {
      const st = statSync(m);
      if (st.isDirectory()) {
        const files: FileInfo[] = [];
        // A streaming file sink's output: only the files its log committed (Spark's MetadataLogFileIndex).
        if (paths.length === 1 && hasSinkLog(m)) {
          for (const f of sinkLogFiles(m)) {
            try {
              const fst = statSync(f);
              if (nameFilter === undefined || nameFilter.test(f.slice(f.lastIndexOf(sep) + 1))) files.push(fileInfo(f, fst));
            } catch {
              // A committed file deleted since: there is nothing to read; the others still are.
            }
          }
        } else listDir(m, files, nameFilter);
        files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
        roots.push({ root: m, basePath: m, files });
      } else {
        roots.push({ root: m, basePath: dirname(m), files: [fileInfo(m, st)] });
      }
    }
  }
  return roots;
}

function existing(local: string): string[] {
  try {
    statSync(local);
    return [local];
  } catch {
    return [];
  }
}

function fileInfo(path: string, st: Stats): FileInfo {
  return { path, size: st.size, mtimeMs: st.mtimeMs };
}

function listDir(dir: string, out: FileInfo[], nameFilter: RegExp | undefined): void {
  for (const ent of readdirSync(dir, { withFileTypes: true })) {
    if (isHiddenName(ent.name)) continue;
    const full = join(dir, ent.name);
    const st = statSync(full);
    if (st.isDirectory()) listDir(full, out, nameFilter);
    else if (nameFilter === undefined || nameFilter.test(ent.name)) out.push(fileInfo(full, st));
  }
}

/** Expands a glob over the local file system, one path segment at a time (as Hadoop's globStatus). */
export function expandGlob(pattern: string): string[] {
  const parts = pattern.split(sep).filter((s, i) => i === 0 || s !== '');
  let current = [parts[0] === '' ? sep : parts[0]!];
  for (let i = 1; i < parts.length; i++) {
    const seg = parts[i]!;
    const next: string[] = [];
    for (const dir of current) {
      if (!hasGlob(seg)) {
        const p = join(dir, unescapeGlob(seg));
        if (existing(p).length) next.push(p);
        continue;
      }
      const re = globToRegExp(seg);
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        continue;
      }
      for (const n of names.sort()) if (re.test(n) && !(isHiddenName(n) && !/^[_.]/.test(seg))) next.push(join(dir, n));
    }
    current = next;
  }
  return current;
}

function unescapeGlob(seg: string): string {
  return seg.replace(/\\(.)/g, '$1');
}

/** A Hadoop glob over one path segment as a RegExp (`{a,b}` alternatives, `[^x]` classes, `\` escapes). */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let inClass = false;
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '\\' && i + 1 < glob.length) {
      re += '\\' + glob[++i];
    } else if (inClass) {
      if (c === ']') inClass = false;
      re += c === '\\' ? '\\\\' : c;
    } else if (c === '[') {
      inClass = true;
      re += '[';
      if (glob[i + 1] === '^' || glob[i + 1] === '!') {
        re += '^';
        i++;
      }
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) re += '|';
    else re += c.replace(/[.+^$()|\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}
