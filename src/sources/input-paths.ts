/**
 * The paths `sc.textFile`, `sc.wholeTextFiles` and `ssc.textFileStream` accept, as Spark users
 * write them: a file, a directory (its files: `sc.textFile("out")` reads the `part-*` files of a
 * `saveAsTextFile` directory), a glob in Hadoop's syntax (`*`, `?`, `[ab]`, `[^a]`, `{a,b}`,
 * `\` to escape: `out/*\/part-*`), a comma-separated list of any of these, and `file://` URLs
 * (or Spark's own `file:/path`). Other schemes (`hdfs://`, `s3a://` …) are refused with a
 * message that says what is supported. Names starting with `.` or `_` (`_SUCCESS`, `.crc`
 * files) are skipped in directories and glob matches, as Hadoop's input filter skips them.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SourceError } from '../engine/errors.js';

/** Hadoop's hidden-file rule: `_SUCCESS`, `.part-00000.crc` and the like are not input. */
export function isHidden(name: string): boolean {
  return name.startsWith('.') || name.startsWith('_');
}

/** Splits a comma-separated path list; commas inside `{…}` belong to the glob, as Hadoop reads them. */
export function splitPathList(paths: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = 0; i < paths.length; i++) {
    const c = paths[i] as string;
    if (c === '\\' && i + 1 < paths.length) {
      current += c + paths[++i];
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}' && depth > 0) depth--;
    if (c === ',' && depth === 0) {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out.map((p) => p.trim()).filter((p) => p !== '');
}

/** A local path for `p`: `file://` URLs and `file:/path` become paths; another scheme is refused. */
export function localPath(method: string, p: string): string {
  if (p.startsWith('file://')) return fileURLToPath(p);
  if (p.startsWith('file:')) return p.slice('file:'.length);
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]+):\/\//.exec(p);
  if (scheme) {
    throw new SourceError(
      'ERR_UNSUPPORTED_SCHEME',
      `${method}: ${JSON.stringify(p)} is on ${scheme[1]}://, which tspark cannot read: it reads local files only ` +
        '(a file, a directory of part files, a glob such as out/*/part-*, a comma-separated list of these, or a file:// URL). ' +
        'Copy the data to this machine first, e.g. hdfs dfs -get <path> .',
    );
  }
  return p;
}

/** True when `p` holds glob characters that are not escaped. */
export function hasGlob(p: string): boolean {
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?' || c === '[' || c === '{') return true;
  }
  return false;
}

/** The existing paths (files and directories) that `pattern` matches, sorted; hidden final names left out. */
export function expandGlob(pattern: string): string[] {
  const found = new Set<string>();
  for (const p of expandBraces(pattern)) {
    const abs = path.resolve(p);
    const root = path.parse(abs).root;
    let current = [root];
    for (const segment of abs.slice(root.length).split(path.sep).filter((s) => s !== '')) {
      const next: string[] = [];
      if (!hasGlob(segment)) {
        const name = unescape(segment);
        for (const dir of current) next.push(path.join(dir, name));
      } else {
        const re = segmentRegExp(segment);
        for (const dir of current) {
          for (const name of listNames(dir).sort()) if (re.test(name)) next.push(path.join(dir, name));
        }
      }
      current = next;
    }
    for (const m of current) if (!isHidden(path.basename(m)) && exists(m)) found.add(m);
  }
  return [...found].sort();
}

/**
 * The files `paths` names for a batch read (`textFile`, `wholeTextFiles`), in Spark's order and
 * with Spark's errors: a missing path, a glob that matches nothing, a directory that holds
 * directories (Spark reads the files of a directory, not recursively).
 */
export function listInputFiles(method: string, paths: string): string[] {
  const files: string[] = [];
  for (const raw of splitPathList(paths)) {
    const p = localPath(method, raw);
    if (hasGlob(p)) {
      const matches = expandGlob(p);
      if (matches.length === 0) throw new SourceError('ERR_PATH_NOT_FOUND', `Input Pattern ${p} matches 0 files`);
      for (const m of matches) addInput(method, m, files);
    } else {
      if (!exists(p)) throw new SourceError('ERR_PATH_NOT_FOUND', `Input path does not exist: ${p}`);
      addInput(method, p, files);
    }
  }
  return files;
}

/** Adds a file, or the files of a directory, to `files`. */
function addInput(method: string, p: string, files: string[]): void {
  if (!statSync(p).isDirectory()) {
    files.push(p);
    return;
  }
  for (const name of listNames(p).sort()) {
    if (isHidden(name)) continue;
    const f = path.join(p, name);
    if (statSync(f).isDirectory()) {
      throw new SourceError(
        'ERR_INVALID_ARGUMENT',
        `${method}: ${f} is a directory inside ${p}; a directory's files are read, not its sub-directories (as in Spark). ` +
          `Name the files with a glob instead, e.g. ${path.join(p, '*', 'part-*')}`,
      );
    }
    files.push(f);
  }
}

/** Names in `dir`, or none when it cannot be listed (not a directory, gone, no permission). */
export function listNames(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function exists(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}

/** `a{b,c}d` → `abd`, `acd`; nested braces expand too; `\{` is literal. */
function expandBraces(p: string): string[] {
  let depth = 0;
  let open = -1;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') i++;
    else if (c === '{' && depth++ === 0) open = i;
    else if (c === '}' && depth > 0 && --depth === 0) {
      const head = p.slice(0, open);
      const tail = p.slice(i + 1);
      return splitAlternatives(p.slice(open + 1, i)).flatMap((alt) => expandBraces(head + alt + tail));
    }
  }
  return [p];
}

function splitAlternatives(body: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c === '\\' && i + 1 < body.length) {
      current += c + body[++i];
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') depth--;
    if (c === ',' && depth === 0) {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out;
}

/** One path segment of a glob as a regular expression (`*` and `?` never cross a `/`). */
function segmentRegExp(segment: string): RegExp {
  let re = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i] as string;
    if (c === '\\' && i + 1 < segment.length) re += escapeRegExp(segment[++i] as string);
    else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close < 0) {
        re += '\\[';
        continue;
      }
      let body = segment.slice(i + 1, close);
      const negate = body.startsWith('^') || body.startsWith('!');
      if (negate) body = body.slice(1);
      re += `[${negate ? '^' : ''}${body.replace(/[\\\]]/g, '\\$&')}]`;
      i = close;
    } else re += escapeRegExp(c);
  }
  return new RegExp(`^${re}$`, 'u');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function unescape(s: string): string {
  return s.replace(/\\(.)/g, '$1');
}
