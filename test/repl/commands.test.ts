import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHELL_COMMANDS, unknownCommandHint } from '../../src/repl/commands.js';
import { runPiped } from './piped.js';

describe('dot-commands', () => {
  it('.help lists Node’s commands and every shell command from the one table', async () => {
    const r = await runPiped('.help\n');
    // (.editor exists in a terminal only.)
    for (const name of ['break', 'clear', 'exit', 'help', 'load', 'save', ...SHELL_COMMANDS.map((c) => c.name)]) {
      expect(r.out).toMatch(new RegExp(`^\\.${name} `, 'm'));
    }
    // One line per command, no wrapping on an 80-column terminal.
    for (const line of r.out.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('explains that a leading-dot line is a command, instead of "Invalid REPL keyword"', async () => {
    const r = await runPiped('.flatMap(f)\n1 + 1\n');
    expect(r.out).toBe(unknownCommandHint('flatMap(f)') + '2\n');
    expect(r.out).toContain('.flatMap(…) is not a shell command');
    expect(r.out).toContain('or use .editor, or paste it whole');
  });

  it('lets a leading-dot line continue an unfinished entry', async () => {
    const r = await runPiped('const w = ([1, 2, 3]\n  .map((x: number) => x * 2)\n  .filter((x: number) => x > 2))\nw\n');
    expect(r.out).toBe('[ 4, 6 ]\n');
  });

  it('undoes the complete line before a stray leading-dot line, and says so', async () => {
    const r = await runPiped('const xs = [1, 2, 3]\nconst doubled = xs\n  .map((x: number) => x * 2)\ntypeof doubled\nxs\n');
    expect(r.out).toContain('The line before (const doubled = xs) had already run on its own, so it has been undone: doubled is unbound again.');
    expect(r.out).toContain(".map(…) is not a shell command");
    expect(r.out).toContain("'undefined'\n[ 1, 2, 3 ]\n");
  });

  it('.status and .doctor say when there is no streaming context', async () => {
    const r = await runPiped('.status\n.doctor\n');
    expect(r.out).toBe('This shell has no streaming context.\nThis shell has no streaming context.\n');
  });

  it('.type without an expression shows its usage', async () => {
    const r = await runPiped('.type\n');
    expect(r.out).toContain('Usage: .type <expression>');
  });

  it('.load runs a TypeScript file and .save writes the session', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tspark-load-'));
    const file = path.join(dir, 'defs.ts');
    fs.writeFileSync(file, 'interface P { x: number }\nconst p: P = { x: 3 }\nfunction sq(n: number): number {\n  return n * n\n}\n');
    const saved = path.join(dir, 'out.ts');
    const r = await runPiped(`.load ${file}\nsq(p.x)\n.save ${saved}\n`);
    expect(r.out).toBe(`9\nSession saved to: ${saved}\n`);
    expect(fs.readFileSync(saved, 'utf8')).toContain('sq(p.x)');
  });

  it('.demo lists the demos and loads one by name', async () => {
    const r = await runPiped('.demo\n.demo nope\n', { demosDir: 'examples' });
    expect(r.out).toContain('Demos (load one with .demo NAME):');
    expect(r.out).toContain('queue-wordcount');
    expect(r.out).toContain('No demo named "nope"');
  });
});
