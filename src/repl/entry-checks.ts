/**
 * Checks on one entry's JavaScript (after esbuild) for constructs that run but probably do not
 * mean what the user meant, coming from Python: `(w, 1)` as a pair, `f(name=value)` as a
 * keyword argument; and the pyspark calls that block (`ssc.awaitTermination()`), which the
 * rewrite awaits.
 */
import type * as Acorn from 'acorn';
import type * as AcornWalk from 'acorn-walk';

type Node = Acorn.Node & Record<string, unknown>;

/**
 * Methods that block in pyspark (a StreamingContext's and a StreamingQuery's, `spark.streams`'s);
 * a line that calls one without `await` waits for it, as pyspark does.
 */
const BLOCKING_METHODS = new Set(['awaitTermination', 'awaitTerminationOrTimeout', 'processAllAvailable', 'awaitAnyTermination']);

/** A construct that runs but probably does not mean what the user meant. */
export interface RewriteWarning {
  /** Offset into the JavaScript code. */
  readonly pos: number;
  readonly message: string;
}

/** A call argument written `name=value`: a Python keyword argument, in JavaScript an assignment. */
export interface KeywordArgument {
  readonly pos: number;
  readonly name: string;
  /** The called function as written (`ds.updateStateByKey`). */
  readonly callee: string;
  /** 1-based position of the argument. */
  readonly index: number;
}

/** `(w, 1)` as an arrow body: JavaScript's comma operator, where a Python tuple was meant. */
export function commaPairWarnings(walk: typeof AcornWalk, ast: Acorn.Program, js: string): RewriteWarning[] {
  const out: RewriteWarning[] = [];
  walk.simple(ast, {
    ArrowFunctionExpression(node) {
      const body = (node as unknown as { body: Acorn.Node & { type: string; expressions?: Acorn.Node[] } }).body;
      if (body.type !== 'SequenceExpression' || !body.expressions) return;
      const parts = body.expressions.map((e) => js.slice(e.start, e.end));
      const last = parts[parts.length - 1];
      out.push({
        pos: body.start,
        message: `(${parts.join(', ')}) is JavaScript's comma operator and gives only ${last}: a pair is [${parts.join(', ')}]`,
      });
    },
  });
  return out;
}

/** Call arguments written `name=value` (see {@link KeywordArgument}). */
export function keywordArguments(walk: typeof AcornWalk, ast: Acorn.Program, js: string): KeywordArgument[] {
  const out: KeywordArgument[] = [];
  walk.simple(ast, {
    CallExpression(node) {
      const call = node as unknown as { callee: Acorn.Node; arguments: Array<Acorn.Node & Record<string, unknown>> };
      call.arguments.forEach((arg, i) => {
        const left = arg['left'] as { type?: string; name?: string } | undefined;
        if (arg.type !== 'AssignmentExpression' || arg['operator'] !== '=' || left?.type !== 'Identifier' || left.name === undefined) return;
        out.push({ pos: arg.start, name: left.name, callee: js.slice(call.callee.start, call.callee.end), index: i + 1 });
      });
    },
  });
  return out;
}

/** `ssc.awaitTermination()` (or `query.processAllAvailable()` …) as a statement of its own, without `await`. */
export function isBlockingCall(stmt: Node): boolean {
  if (stmt.type !== 'ExpressionStatement') return false;
  const call = stmt['expression'] as Node;
  if (call.type !== 'CallExpression') return false;
  const callee = call['callee'] as Node;
  const prop = callee.type === 'MemberExpression' && !callee['computed'] ? (callee['property'] as { name?: string }).name : undefined;
  return prop !== undefined && BLOCKING_METHODS.has(prop);
}

