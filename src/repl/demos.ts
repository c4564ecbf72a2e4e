/**
 * The classroom demos: TypeScript files in `examples/`, each starting with a `// Title: ...`
 * comment. `.demo` lists them and `.demo NAME` loads one into the shell.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** One demo file. */
export interface Demo {
  /** File name without `.ts`, e.g. `wordcount`. */
  readonly name: string;
  /** First-line title, or the name when the file has none. */
  readonly title: string;
  readonly file: string;
}

/** Lists the demos in `dir`, sorted by name; a missing directory has none. */
export function listDemos(dir: string): Demo[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  } catch {
    return [];
  }
  return names.sort().map((f) => {
    const file = path.join(dir, f);
    const name = f.slice(0, -'.ts'.length);
    let title = name;
    try {
      const m = /^\/\/\s*Title:\s*(.+)$/m.exec(fs.readFileSync(file, 'utf8').slice(0, 500));
      if (m?.[1]) title = m[1].trim();
    } catch {
      // Unreadable: list it by name.
    }
    return { name, title, file };
  });
}

/** Finds a demo by exact name, or by a unique prefix. */
export function findDemo(demos: readonly Demo[], name: string): Demo | undefined {
  const exact = demos.find((d) => d.name === name);
  if (exact) return exact;
  const prefixed = demos.filter((d) => d.name.startsWith(name));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}
