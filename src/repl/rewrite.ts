/**
 * The top-level rewrite of one REPL entry (plain JavaScript, after esbuild stripped the types).
 *
 * Why: with `useGlobal: true`, a top-level `const`/`let`/`class` would become a realm-wide
 * lexical binding that can never be redeclared (and stays in its temporal dead zone forever if
 * its initialiser threw). Turning every top-level declaration into a hoisted `var` plus an
 * assignment makes bindings replaceable, like Chrome DevTools and Deno. Imports become
 * `require` calls, `import()` a helper (vm scripts cannot `import()` on Node 20), and an entry
 * with top-level `await` is wrapped in an async function that returns `{ value }` so a returned
 * promise is shown, not awaited. No newline is ever added or removed, so esbuild's source map
 * stays valid line for line.
 */
import { createRequire } from 'node:module';
import type * as Acorn from 'acorn';
import type * as AcornWalk from 'acorn-walk';
import { commaPairWarnings, isBlockingCall, keywordArguments, type KeywordArgument, type RewriteWarning } from './entry-checks.js';

export type { KeywordArgument, RewriteWarning } from './entry-checks.js';

const require = createRequire(import.meta.url);
let acornModule: typeof Acorn | undefined;
let walkModule: typeof AcornWalk | undefined;

/** acorn is loaded on the first entry, not at start-up (about 45 ms off the time to the prompt). */
function parser(): { acorn: typeof Acorn; walk: typeof AcornWalk } {
  acornModule ??= require('acorn') as typeof Acorn;
  walkModule ??= require('acorn-walk') as typeof AcornWalk;
  return { acorn: acornModule, walk: walkModule };
}

/** Loads the parser ahead of the first entry (called in the background after the prompt). */
export function preloadParser(): void {
  parser();
}

/** Name of the global helper that does `import()` on behalf of evaluated code. */
export const IMPORT_HELPER = '__tsparkImport';
/** Name of the global helper that picks a module's default export the way TypeScript's interop does. */
export const INTEROP_HELPER = '__tsparkInteropDefault';
/** Name of the global `require` the rewritten imports call (resolves from the user's directory; "tspark" is the running one). */
export const REQUIRE_HELPER = '__tsparkRequire';

/** Options of {@link rewriteTopLevel}. */
export interface RewriteOptions {
  /** Names the shell binds already: `import { X } from "tspark"` of one of them is a no-op. */
  readonly alreadyBound?: ReadonlySet<string>;
}

/** The rewritten code of one entry and what the evaluator needs to know about it. */
export interface RewriteResult {
  /** JavaScript to run with `vm.Script`. */
  readonly code: string;
  /** True when the entry used top-level `await`: running `code` yields a promise of `{ value }`. */
  readonly async: boolean;
  /** Maps an offset in `code` back to the offset in esbuild's output it came from. */
  readonly toInputOffset: (offset: number) => number;
  /** The top-level names this entry declares. */
  readonly declared: readonly string[];
  /** Constructs worth a warning (a parenthesised comma expression where a pair was meant). */
  readonly warnings: readonly RewriteWarning[];
  /** Arguments written `name=value`; the evaluator refuses those whose name is not a variable. */
  readonly keywordArguments: readonly KeywordArgument[];
}

/** A construct the shell refuses (export lists, shadowing a runtime global), with a message saying why. */
export class RewriteError extends SyntaxError {
  /** Offset into the JavaScript code where the refused construct starts. */
  readonly pos: number;
  /** The protected name a declaration tried to take, when that is the reason. */
  readonly protectedName: string | undefined;
  constructor(message: string, pos: number, protectedName?: string) {
    super(message);
    this.name = 'SyntaxError';
    this.pos = pos;
    this.protectedName = protectedName;
  }
}

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

type Node = Acorn.Node & Record<string, unknown>;

function patternNames(p: unknown, out: string[]): void {
  if (!p || typeof p !== 'object') return;
  const n = p as { type: string } & Record<string, unknown>;
  switch (n.type) {
    case 'Identifier':
      out.push(n['name'] as string);
      break;
    case 'ObjectPattern':
      for (const prop of n['properties'] as unknown[]) {
        const pr = prop as { type: string; value?: unknown; argument?: unknown };
        patternNames(pr.type === 'RestElement' ? pr.argument : pr.value, out);
      }
      break;
    case 'ArrayPattern':
      for (const el of n['elements'] as unknown[]) patternNames(el, out);
      break;
    case 'RestElement':
      patternNames(n['argument'], out);
      break;
    case 'AssignmentPattern':
      patternNames(n['left'], out);
      break;
  }
}

function hasTopLevelAwait(ast: Acorn.Program): boolean {
  const { walk } = parser();
  let found = false;
  const skip = (): void => undefined;
  walk.recursive(ast, null, {
    Function: skip,
    // A class body's methods are functions; field initialisers cannot await either.
    Class: skip,
    AwaitExpression() {
      found = true;
    },
    ForOfStatement(node, st, c) {
      if ((node as unknown as { await: boolean }).await) found = true;
      c(node.left, st);
      c(node.right, st);
      c(node.body, st);
    },
  });
  return found;
}

/**
 * Rewrites one entry's top-level statements.
 *
 * @param js esbuild's output for the entry.
 * @param protectedNames names the user may not declare (runtime globals the library relies on).
 * @throws SyntaxError when acorn cannot parse the code, {@link RewriteError} for refused constructs.
 */
export function rewriteTopLevel(js: string, protectedNames: ReadonlySet<string>, options: RewriteOptions = {}): RewriteResult {
  const { acorn, walk } = parser();
  const ast = acorn.parse(js, {
    ecmaVersion: 'latest',
    sourceType: 'script',
    allowAwaitOutsideFunction: true,
    allowImportExportEverywhere: true,
    allowReturnOutsideFunction: false,
  });
  // The walks cost a little on every entry: skip them when the text cannot contain what they look for.
  const blocking = (ast.body as Node[]).filter(isBlockingCall);
  const isAsync = (js.includes('await') && hasTopLevelAwait(ast)) || blocking.length > 0;
  const warnings = js.includes('=>') ? commaPairWarnings(walk, ast, js) : [];
  const keywords = js.includes('=') ? keywordArguments(walk, ast, js) : [];
  // In a strict script an undeclared name cannot be assigned: keep hoisted `var`s there.
  const strict = /^\s*["']use strict["']/.test(js);
  const edits: Edit[] = [];
  const hoisted: string[] = [];
  const functions: string[] = [];
  const src = (n: Acorn.Node): string => js.slice(n.start, n.end);

  const declare = (names: string[], at: number): void => {
    for (const name of names) {
      if (protectedNames.has(name)) {
        throw new RewriteError(
          `'${name}' is a runtime global or a shell binding; declaring it in the shell would change it for the library too. Use another name.`,
          at,
          name,
        );
      }
      if (!hoisted.includes(name)) hoisted.push(name);
    }
  };
  /** Names assigned without a hoisted `var`: a failed initialiser then leaves them unbound. */
  const assigned: string[] = [];

  const rewriteVariables = (decl: Node, stripFrom: number): void => {
    const declarators = decl['declarations'] as Node[];
    const names: string[] = [];
    for (const d of declarators) patternNames(d['id'], names);
    declare(names, decl.start);
    // `var` keeps its meaning (the name exists, undefined, even before its initialiser runs):
    // esbuild's enums and namespaces read it (`var C = ((C2) => …)(C || {})`).
    if (decl['kind'] !== 'var') assigned.push(...names);
    const first = declarators[0];
    const last = declarators[declarators.length - 1];
    // A declaration always has a declarator; acorn would not have parsed one without.
    if (first === undefined || last === undefined) return;
    edits.push({ start: stripFrom, end: first.start, text: 'void (' });
    for (const d of declarators) {
      const id = d['id'] as Node;
      const init = d['init'] as Node | null;
      if (init) {
        edits.push({ start: d.start, end: d.start, text: '(' });
        edits.push({ start: d.end, end: d.end, text: ')' });
      } else {
        // `let a;` resets the binding, as re-running a declaration would in a fresh script.
        const ns: string[] = [];
        patternNames(id, ns);
        edits.push({ start: d.start, end: d.end, text: `(${ns.map((n) => `${n} = undefined`).join(', ')})` });
      }
    }
    edits.push({ start: last.end, end: last.end, text: ')' });
  };

  const rewriteClass = (decl: Node, stripFrom: number): void => {
    const id = decl['id'] as Node & { name: string };
    declare([id.name], decl.start);
    assigned.push(id.name);
    edits.push({ start: stripFrom, end: decl.start, text: `void (${id.name} = ` });
    edits.push({ start: decl.end, end: decl.end, text: ');' });
  };

  const rewriteFunction = (decl: Node, stripFrom: number): void => {
    const id = decl['id'] as Node & { name: string };
    declare([id.name], decl.start);
    if (stripFrom !== decl.start) edits.push({ start: stripFrom, end: decl.start, text: '' });
    functions.push(id.name);
  };

  const rewriteImport = (decl: Node): void => {
    const source = src(decl['source'] as Node);
    const fromTspark = (decl['source'] as { value?: unknown }).value === 'tspark';
    const parts: string[] = [];
    const names: string[] = [];
    for (const spec of decl['specifiers'] as Node[]) {
      const local = (spec['local'] as { name: string }).name;
      const imported = spec['imported'] as { type: string; name?: string; value?: string } | undefined;
      // `import { StreamingContext } from "tspark"`: the shell binds that very name already.
      if (fromTspark && spec.type === 'ImportSpecifier' && imported?.name === local && options.alreadyBound?.has(local)) continue;
      names.push(local);
      if (spec.type === 'ImportDefaultSpecifier') parts.push(`${local} = ${INTEROP_HELPER}(${REQUIRE_HELPER}(${source}))`);
      else if (spec.type === 'ImportNamespaceSpecifier') parts.push(`${local} = ${REQUIRE_HELPER}(${source})`);
      else {
        const key = imported?.type === 'Identifier' ? `.${imported.name}` : `[${JSON.stringify(imported?.value)}]`;
        parts.push(`${local} = ${REQUIRE_HELPER}(${source})${key}`);
      }
    }
    declare(names, decl.start);
    assigned.push(...names);
    const nl = '\n'.repeat((src(decl).match(/\n/g) ?? []).length);
    const quiet = fromTspark && parts.length === 0 && (decl['specifiers'] as Node[]).length > 0;
    edits.push({
      start: decl.start,
      end: decl.end,
      text: (parts.length ? `void (${parts.join(', ')});` : quiet ? '' : `void ${REQUIRE_HELPER}(${source});`) + nl,
    });
  };

  for (const stmt of ast.body as Node[]) {
    switch (stmt.type) {
      case 'VariableDeclaration':
        rewriteVariables(stmt, stmt.start);
        break;
      case 'ClassDeclaration':
        rewriteClass(stmt, stmt.start);
        break;
      case 'FunctionDeclaration':
        rewriteFunction(stmt, stmt.start);
        break;
      case 'ImportDeclaration':
        rewriteImport(stmt);
        break;
      case 'ExportNamedDeclaration': {
        const decl = stmt['declaration'] as Node | null;
        // `export {}` only marks a file as a module (the demos use it): nothing to do here.
        if (!decl && (stmt['specifiers'] as unknown[]).length === 0 && !stmt['source']) {
          edits.push({ start: stmt.start, end: stmt.end, text: '' });
          break;
        }
        if (!decl) throw new RewriteError('export statements are not supported in the shell; declare the name without export', stmt.start);
        if (decl.type === 'VariableDeclaration') rewriteVariables(decl, stmt.start);
        else if (decl.type === 'ClassDeclaration') rewriteClass(decl, stmt.start);
        else if (decl.type === 'FunctionDeclaration') rewriteFunction(decl, stmt.start);
        else throw new RewriteError('export statements are not supported in the shell; declare the name without export', stmt.start);
        break;
      }
      case 'ExportDefaultDeclaration':
      case 'ExportAllDeclaration':
        throw new RewriteError('export statements are not supported in the shell; declare the name without export', stmt.start);
    }
  }

  // `import(...)` anywhere in the entry goes through the helper (see the file comment).
  if (js.includes('import')) {
    walk.full(ast, (node) => {
      if (node.type === 'ImportExpression') edits.push({ start: node.start, end: node.start + 'import'.length, text: IMPORT_HELPER });
    });
  }

  if (isAsync) {
    const body = ast.body as Node[];
    const last = body[body.length - 1];
    if (last && last.type === 'ExpressionStatement') {
      const expr = last['expression'] as Node;
      edits.push({ start: last.start, end: expr.start, text: 'return { value: (' });
      edits.push({ start: expr.end, end: last.end, text: ') };' });
    }
  }
  // After the boxing edit, which may start at the same offset.
  for (const stmt of blocking) edits.push({ start: (stmt['expression'] as Node).start, end: (stmt['expression'] as Node).start, text: 'await ' });

  // Only function declarations need a `var` (they are hoisted); other names are plain global
  // assignments, so one whose initialiser throws stays unbound.
  const vars = strict ? hoisted : hoisted.filter((n) => !assigned.includes(n));
  let prefix = vars.length ? `var ${vars.join(', ')}; ` : '';
  if (isAsync) {
    // Function declarations inside the wrapper are local to it; publish them as globals.
    const publish = functions.map((f) => `globalThis.${f} = ${f};`).join(' ');
    prefix += `(async () => { ${publish}`;
  }
  // The prefix goes first, ahead of any edit at offset 0.
  edits.unshift({ start: 0, end: 0, text: prefix });
  const { out, shifts } = applyEdits(js, edits);
  const code = isAsync ? `${out}\n})()` : out;
  const toInputOffset = (offset: number): number => {
    let delta = 0;
    for (const sh of shifts) if (sh.at <= offset) delta += sh.delta;
    return Math.max(0, offset - delta);
  };
  return { code, async: isAsync, toInputOffset, declared: hoisted, warnings, keywordArguments: keywords };
}

interface Shift {
  /** Offset in the output where the edit's text ends. */
  readonly at: number;
  /** Output length minus input length of the edit. */
  readonly delta: number;
}

function applyEdits(js: string, edits: Edit[]): { out: string; shifts: Shift[] } {
  // Stable sort by position; inserts at the same offset keep the order they were pushed in.
  const sorted = edits.map((e, i) => ({ ...e, i })).sort((a, b) => a.start - b.start || a.end - b.end || a.i - b.i);
  let out = '';
  let pos = 0;
  const shifts: Shift[] = [];
  for (const e of sorted) {
    if (e.start < pos) continue;
    out += js.slice(pos, e.start) + e.text;
    shifts.push({ at: out.length, delta: e.text.length - (e.end - e.start) });
    pos = e.end;
  }
  return { out: out + js.slice(pos), shifts };
}
