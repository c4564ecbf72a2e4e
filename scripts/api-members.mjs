// The public-member list the shell's completion reads, generated at build time from the
// published types. Run after `tsc` in `npm run build`; writes dist/src/repl/api-members.json.
//
// - public: for each class the package exports (dist/src/index.d.ts, internals already
//   stripped), the names of its public members, inherited and static ones included;
// - hidden: names that exist at run time on tspark's objects but are not public API: the
//   `private`, `protected` and `@internal` members of the engine's and sources' classes, minus
//   any name that is public on a class a user can reach (an exported class, or one a public
//   member returns, such as `ssc.events`) or a member of an exported interface. A name public
//   in one of those places stays visible everywhere: completion only sees names. (`#private` fields are invisible at run time
//   and need no hiding.)
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const HIDDEN_FROM = ['src/engine/', 'src/sources/', 'src/sql/'];

/** True for a member a user may call: declared without private/protected and not `@internal`. */
function isPublic(symbol) {
  if (symbol.name.startsWith('__') || symbol.name.startsWith('#') || symbol.name === 'prototype') return false;
  const decls = symbol.declarations ?? [];
  return decls.length > 0 && decls.every((d) => !(ts.getCombinedModifierFlags(d) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) && !isInternal(d));
}

function isInternal(decl) {
  return ts.getJSDocTags(decl).some((t) => t.tagName.text === 'internal');
}

/**
 * The list for the package at `root`. `entry` is the public entry point to read: the emitted
 * `dist/src/index.d.ts` at build time, or `src/index.ts` (the same API, read from source).
 */
export function apiMembers(root, entry = 'dist/src/index.d.ts') {
  const entryFile = resolve(root, entry);
  const sources = ts.sys
    .readDirectory(resolve(root, 'src'), ['.ts'], ['**/*.d.ts'], undefined)
    .filter((f) => HIDDEN_FROM.some((dir) => f.includes(`/${dir}`)));
  const program = ts.createProgram([entryFile, ...sources], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
  });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(entryFile));
  const publicByClass = {};
  const classSymbols = [];
  // Members of exported interfaces are public too (a receiver's `sink.store`, a State's `get`).
  const contractNames = new Set();
  const contractTypes = new Set();
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    // A class merged with an interface (a module augmentation such as the SQL side's `RDD.toDF`)
    // is a class here; a type alias's members count only when public (an alias of a class type
    // would otherwise publish its `@internal` members, which the built .d.ts has stripped).
    if (symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias) && !(symbol.flags & ts.SymbolFlags.Class)) {
      for (const p of checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol)).filter(isPublic)) contractNames.add(p.name);
      contractTypes.add(exported.name);
    }
    if (!(symbol.flags & ts.SymbolFlags.Class) || !symbol.valueDeclaration) continue;
    classSymbols.push(symbol);
    const instance = checker.getDeclaredTypeOfSymbol(symbol);
    const statics = checker.getTypeOfSymbolAtLocation(symbol, symbol.valueDeclaration);
    const names = [...checker.getPropertiesOfType(instance), ...checker.getPropertiesOfType(statics)].filter(isPublic).map((p) => p.name);
    publicByClass[exported.name] = [...new Set(names)].sort();
  }
  const reachable = reachableClasses(checker, classSymbols);
  const visible = new Set([...Object.values(publicByClass).flat(), ...contractNames, ...reachable.names]);
  const hidden = new Set();
  for (const file of sources) {
    const visit = (node) => {
      // Only classes whose instances users hold: reachable ones, and implementations of public interfaces (State).
      const held =
        ts.isClassLike(node) &&
        // By name: read from dist, the reachable classes are the .d.ts declarations of these sources.
        ((node.name && reachable.classNames.has(node.name.text)) ||
          (node.heritageClauses ?? []).some((h) => h.token === ts.SyntaxKind.ImplementsKeyword && h.types.some((t) => contractTypes.has(t.expression.getText()))));
      if (held) {
        for (const member of node.members) {
          const name = member.name;
          if (!name || ts.isPrivateIdentifier(name) || !(ts.isIdentifier(name) || ts.isStringLiteral(name))) continue;
          const modifiers = ts.getCombinedModifierFlags(member);
          if (modifiers & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected) || isInternal(member)) hidden.add(name.text);
        }
        // Constructor parameter properties (`private readonly clock`) are members too.
        for (const ctor of node.members.filter(ts.isConstructorDeclaration)) {
          for (const p of ctor.parameters) {
            if (ts.isIdentifier(p.name) && ts.getCombinedModifierFlags(p) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) hidden.add(p.name.text);
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(program.getSourceFile(file));
  }
  for (const name of visible) hidden.delete(name);
  hidden.delete('constructor');
  return { public: publicByClass, hidden: [...hidden].sort() };
}

/** The classes reachable from `roots` (their bases, and the types of public members), and their public member names. */
function reachableClasses(checker, roots) {
  const seen = new Set(roots);
  const queue = [...roots];
  const names = [];
  const visitType = (type, depth) => {
    if (!type || depth > 3) return;
    if (type.isUnionOrIntersection()) for (const t of type.types) visitType(t, depth + 1);
    for (const t of checker.getTypeArguments?.(type) ?? []) visitType(t, depth + 1);
    const symbol = type.getSymbol();
    if (symbol && symbol.flags & ts.SymbolFlags.Class && !seen.has(symbol)) {
      seen.add(symbol);
      queue.push(symbol);
    }
  };
  while (queue.length > 0) {
    const symbol = queue.shift();
    const declared = checker.getDeclaredTypeOfSymbol(symbol);
    for (const base of declared.isClassOrInterface() ? checker.getBaseTypes(declared) : []) visitType(base, 0);
    const props = checker.getPropertiesOfType(declared).filter(isPublic);
    for (const p of props) {
      names.push(p.name);
      const t = checker.getTypeOfSymbol(p);
      visitType(t, 0);
      for (const sig of t.getCallSignatures()) visitType(sig.getReturnType(), 0);
    }
  }
  return { names, classNames: new Set([...seen].map((s) => s.name)) };
}

/** Where the built shell reads the list. */
export const API_MEMBERS_FILE = 'dist/src/repl/api-members.json';

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const members = apiMembers(root);
  writeFileSync(join(root, API_MEMBERS_FILE), JSON.stringify(members, null, 1) + '\n');
  console.log(`api members: ${Object.keys(members.public).length} classes, ${members.hidden.length} hidden names -> ${API_MEMBERS_FILE}`);
}
