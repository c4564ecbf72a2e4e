/**
 * The 200 one-line TypeScript statements B7 types into the shell: declarations with types,
 * arithmetic, string work, and every tenth line a DStream pipeline definition on the bound
 * `ssc` (queueStream, so nothing needs a socket). Each line ends with a unique string so the
 * harness can see its result printed.
 */

/** The marker a line's result prints as, e.g. `'ok7'`. */
export function marker(i: number): string {
  return `ok${i}`;
}

/** `n` statements, each ending in its marker expression. */
export function benchLines(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let stmt: string;
    switch (i % 10) {
      case 0:
        stmt = `const q${i} = ssc.queueStream([["a b", "b c"]]); const wc${i} = q${i}.flatMap((l: string) => l.split(' ')).map((w: string): [string, number] => [w, 1]).reduceByKey((a: number, b: number) => a + b);`;
        break;
      case 1:
        stmt = `const n${i}: number = ${i} * 2 + 1;`;
        break;
      case 2:
        stmt = `const s${i}: string = 'word count ${i}'.toUpperCase();`;
        break;
      case 3:
        stmt = `interface P${i} { word: string; count: number } const p${i}: P${i} = { word: 'w', count: ${i} };`;
        break;
      case 4:
        stmt = `const xs${i}: number[] = [1, 2, 3].map((x: number) => x * ${i});`;
        break;
      case 5:
        stmt = `function f${i}(a: number, b: number): number { return a + b; }`;
        break;
      case 6:
        stmt = `const pair${i}: [string, number] = ['k', ${i}];`;
        break;
      case 7:
        stmt = `type T${i} = { id: number; name?: string }; const t${i}: T${i} = { id: ${i} };`;
        break;
      case 8:
        stmt = `const sum${i} = [1, 2, 3, 4].reduce((a: number, b: number) => a + b, 0);`;
        break;
      default:
        stmt = `const m${i} = new Map<string, number>([['a', ${i}]]);`;
    }
    out.push(`${stmt} '${marker(i)}'`);
  }
  return out;
}
