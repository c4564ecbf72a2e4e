/**
 * `.type <expr>`: the TypeScript type of an expression, from the TypeScript compiler itself.
 * The compiler is loaded on the first `.type` only (it takes about a second), never at start-up.
 * The session's successful entries are replayed into one virtual file, after declarations of
 * `sc`, `ssc`, `spark` and the bound SQL names (`F`, `Window`, `Row`, the types); an entry that
 * redeclares a name replaces the earlier one, as in the shell.
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as TS from 'typescript';

const require = createRequire(import.meta.url);

interface Entry {
  readonly source: string;
  readonly declared: readonly string[];
}

/** Answers `.type` questions about the session typed so far. */
export interface TypeInfo {
  /** Records a successful entry (TypeScript source and the names it declares). */
  record(source: string, declared: readonly string[]): void;
  /** The type of `expression` as TypeScript prints it, or a message saying why there is none. */
  typeOf(expression: string): Promise<string>;
}

/** Where the public API's declarations live, next to this file (src/ in tests, dist/src/ when built). */
function apiModulePath(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // Extensionless: resolves to index.ts from source and to index.d.ts in dist/.
  return path.resolve(here, '..', 'index');
}

/** Creates the `.type` service; `preamble` declares the shell's bindings (defaults to sc/ssc). */
export function createTypeInfo(preamble?: string): TypeInfo {
  const entries: Entry[] = [];
  let ts: typeof TS | undefined;
  const cache = new Map<string, TS.SourceFile>();
  let oldProgram: TS.Program | undefined;
  const virtualFile = path.join(process.cwd(), '__tspark_session__.ts');
  const header =
    preamble ??
    // Aliased, so that the user's own `import { StreamingContext } from "tspark"` does not clash.
    `import type { SparkContext as __TsparkSC, StreamingContext as __TsparkSSC, SparkSession as __TsparkSession } from ${JSON.stringify(apiModulePath())};\n` +
      `import { functions as F, Window, Row, Column, StructType, StructField, StringType, IntegerType, LongType, DoubleType, FloatType, ShortType, ByteType, BooleanType, BinaryType, DecimalType, DateType, TimestampType, TimestampNTZType, ArrayType, MapType, NullType } from ${JSON.stringify(apiModulePath())};\n` +
      `declare const sc: __TsparkSC;\ndeclare const ssc: __TsparkSSC;\ndeclare const spark: __TsparkSession;\n`;
  // `import … from "tspark"` in an entry means the running tspark, as the shell resolves it.
  const api = JSON.stringify(apiModulePath());
  const local = (source: string): string => source.replace(/(\bfrom\s*)(['"])tspark\2/g, `$1${api}`);

  return {
    record(source, declared) {
      if (declared.length > 0) {
        // A redeclared name: drop the entries that declared it before, as the shell replaced them.
        const kept = entries.filter((e) => !e.declared.some((d) => declared.includes(d)));
        entries.splice(0, entries.length, ...kept);
      }
      entries.push({ source: local(source), declared });
    },
    async typeOf(expression) {
      ts ??= require('typescript') as typeof TS;
      const t = ts;
      const marker = '__tsparkTypeOf';
      const text = `${header}${entries.map((e) => e.source.trimEnd()).join('\n')}\nconst ${marker} = (\n${expression}\n);\nexport {};\n`;
      const options: TS.CompilerOptions = {
        target: t.ScriptTarget.ES2022,
        module: t.ModuleKind.ESNext,
        moduleResolution: t.ModuleResolutionKind.Bundler,
        strict: true,
        skipLibCheck: true,
        noEmit: true,
        types: ['node'],
        lib: ['lib.es2023.d.ts'],
        allowImportingTsExtensions: true,
      };
      const host = t.createCompilerHost(options);
      const getSourceFile = host.getSourceFile.bind(host);
      host.getSourceFile = (fileName, languageVersion, onError) => {
        if (fileName === virtualFile) return t.createSourceFile(fileName, text, languageVersion, true);
        const hit = cache.get(fileName);
        if (hit) return hit;
        const sf = getSourceFile(fileName, languageVersion, onError);
        if (sf) cache.set(fileName, sf);
        return sf;
      };
      const fileExists = host.fileExists.bind(host);
      host.fileExists = (f) => f === virtualFile || fileExists(f);
      const program = t.createProgram({ rootNames: [virtualFile], options, host, oldProgram });
      oldProgram = program;
      const sf = program.getSourceFile(virtualFile);
      if (!sf) return 'could not analyse the session';
      const checker = program.getTypeChecker();
      let answer: string | undefined;
      const visit = (node: TS.Node): void => {
        if (answer !== undefined) return;
        if (t.isVariableDeclaration(node) && t.isIdentifier(node.name) && node.name.text === marker) {
          answer = checker.typeToString(checker.getTypeAtLocation(node.name), undefined, t.TypeFormatFlags.NoTruncation);
          return;
        }
        t.forEachChild(node, visit);
      };
      visit(sf);
      const exprStart = text.lastIndexOf(`const ${marker}`);
      const problems = program
        .getSemanticDiagnostics(sf)
        .concat(program.getSyntacticDiagnostics(sf))
        .filter((d) => d.start !== undefined && d.start >= exprStart);
      const [first] = problems;
      if (first !== undefined) {
        return `${answer ?? 'unknown'}   (TypeScript: ${t.flattenDiagnosticMessageText(first.messageText, ' ')})`;
      }
      return answer ?? 'unknown';
    },
  };
}
