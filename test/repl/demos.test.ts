import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findDemo, listDemos } from '../../src/repl/demos.js';

describe('demos', () => {
  it('lists .ts files by name with their Title line, skipping declaration files', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tspark-demos-'));
    fs.writeFileSync(path.join(dir, 'b-count.ts'), '// Title: Count things\nssc.start()\n');
    fs.writeFileSync(path.join(dir, 'a-plain.ts'), 'ssc.start()\n');
    fs.writeFileSync(path.join(dir, 'globals.d.ts'), 'export {};\n');
    const demos = listDemos(dir);
    expect(demos.map((d) => [d.name, d.title])).toEqual([
      ['a-plain', 'a-plain'],
      ['b-count', 'Count things'],
    ]);
    expect(findDemo(demos, 'b')?.name).toBe('b-count');
    expect(findDemo(demos, 'zzz')).toBeUndefined();
  });

  it('finds the repository demos, each with a title', () => {
    const demos = listDemos('examples');
    expect(demos.map((d) => d.name)).toEqual(expect.arrayContaining(['wordcount', 'queue-wordcount', 'hashtags', 'running-totals']));
    for (const d of demos) expect(d.title).not.toBe(d.name);
  });

  it('has none in a missing directory', () => {
    expect(listDemos('/nonexistent/dir')).toEqual([]);
  });
});
