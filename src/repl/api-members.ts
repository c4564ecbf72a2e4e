/**
 * Which member names of tspark's classes are internals the user should not be offered by Tab.
 * TypeScript's `private`, `protected` and `@internal` members are ordinary properties at run
 * time, so they are read from the engine's declaration files (`dist/src/engine/**\/*.d.ts`, or
 * the `.ts` sources when running from source) once, on the first completion.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const MODIFIERS = '(?:(?:public|private|protected|readonly|static|get|set|async|override|abstract|declare)\\s+)*';

function filesUnder(dir: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/**
 * Collects member names declared private, protected or `@internal` in `text`, minus any name
 * also declared public there (a name public in one class stays visible everywhere).
 */
export function internalNamesIn(text: string, hidden: Set<string>, visible: Set<string>): void {
  const lines = text.split('\n');
  let internalNext = false;
  let inComment = false;
  // Only class bodies count: an options interface's `out?:` must not make a private `out` visible.
  let inClass = false;
  const member = new RegExp(`^(\\s+)(${MODIFIERS})([A-Za-z_$][\\w$]*)\\s*[(<:?;=!]`);
  for (const line of lines) {
    const t = line.trim();
    if (t.startsWith('/*')) inComment = true;
    if (inComment) {
      if (t.includes('@internal')) internalNext = true;
      if (t.includes('*/')) inComment = false;
      continue;
    }
    if (t === '' || t.startsWith('//') || t.startsWith('@')) continue;
    if (/^(export\s+)?(declare\s+)?(abstract\s+)?class\s/.test(line)) {
      inClass = true;
      internalNext = false;
      continue;
    }
    if (line.startsWith('}')) inClass = false;
    if (!inClass) {
      internalNext = false;
      continue;
    }
    const m = member.exec(line);
    if (m && /^( {2}| {4})$/.test(m[1]!) && m[3] !== 'constructor') {
      const modifiers = m[2] ?? '';
      const name = m[3]!;
      if (internalNext || /\b(private|protected)\b/.test(modifiers)) hidden.add(name);
      else visible.add(name);
    }
    internalNext = false;
  }
}

let cached: ReadonlySet<string> | undefined;

/** The internal member names of the engine's classes (computed once). */
export function internalMemberNames(engineDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'engine')): ReadonlySet<string> {
  if (cached) return cached;
  const files = filesUnder(engineDir);
  const declarations = files.filter((f) => f.endsWith('.d.ts'));
  const sources = declarations.length ? declarations : files.filter((f) => f.endsWith('.ts'));
  const hidden = new Set<string>();
  const visible = new Set<string>();
  for (const f of sources) {
    try {
      internalNamesIn(fs.readFileSync(f, 'utf8'), hidden, visible);
    } catch {
      // An unreadable file only means less filtering.
    }
  }
  for (const v of visible) hidden.delete(v);
  cached = hidden;
  return hidden;
}
