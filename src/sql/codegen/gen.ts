/**
 * The expression compiler: turns analysed expressions into JavaScript source, compiled once per
 * query with `new Function`, so rows are evaluated by straight-line code V8 optimises, not by
 * walking a tree per row. Values follow `types/values.ts`; NULL is `null`. A strict function's
 * code runs only when its (nullable) arguments are non-null: `(t0 = r[0], t0 === null ? null : …)`.
 */
import type { AttributeRef, RExpr, RLambda, RPlan } from '../analysis/resolved.js';
import { genCast } from './cast.js';
import { runtime } from './runtime.js';

type Factory = (consts: unknown[], helpers: typeof runtime) => unknown;

const factories = new Map<string, Factory>();

/**
 * The compiled factory of a generated source. The same query shape compiles to the same text,
 * and reusing its Function lets V8 reuse the optimised code of the previous run instead of
 * warming up again (the constants differ and are passed in).
 */
function compiled(src: string): Factory {
  let f = factories.get(src);
  if (f === undefined) {
    f = new Function('$c', '$h', src) as Factory;
    if (factories.size > 1000) factories.clear();
    factories.set(src, f);
  }
  return f;
}

/** Session settings the generated code depends on. */
export interface GenOptions {
  readonly ansi: boolean;
  readonly timeZone: string;
  /** The query's start time in µs: `current_timestamp()` is fixed per query, as Spark's. */
  readonly nowMicros: number;
  /** Runs an uncorrelated subquery once (the executor provides it). */
  readonly runSubquery?: (plan: RPlan) => unknown[][];
}

/** One compilation unit: constants, temporaries and the bindings of input attributes to code. */
export class Gen {
  readonly consts: unknown[] = [];
  private readonly scopes: string[][] = [[]];
  private counter = 0;
  private readonly constIndex = new Map<unknown, string>();

  constructor(
    /** Attribute id → the code reading it (`r[2]`). */
    readonly bindings: Map<number, string>,
    readonly options: GenOptions,
  ) {}

  /** Binds the attributes to positions of the row variable `row` (`r[0]`, `r[1]` …). */
  static forRow(attrs: readonly AttributeRef[], options: GenOptions, row = 'r'): Gen {
    return new Gen(new Map(attrs.map((a, i) => [a.id, `${row}[${i}]`])), options);
  }

  /** A constant the generated code can read (`$c[3]`). */
  constant(value: unknown): string {
    const known = this.constIndex.get(value);
    if (known !== undefined) return known;
    const code = `$c[${this.consts.length}]`;
    this.consts.push(value);
    if (typeof value === 'object' || typeof value === 'function') this.constIndex.set(value, code);
    return code;
  }

  /** A fresh temporary variable, declared in the current function scope. */
  temp(): string {
    const name = `t${this.counter++}`;
    this.scopes[this.scopes.length - 1]!.push(name);
    return name;
  }

  /** The `let` declaring the current scope's temporaries (put at the top of a generated function). */
  declarations(): string {
    const vars = this.scopes[this.scopes.length - 1]!;
    return vars.length === 0 ? '' : `let ${vars.join(', ')};`;
  }

  /** JavaScript code of an expression's value. */
  expr(e: RExpr): string {
    switch (e.k) {
      case 'ref': {
        const code = this.bindings.get(e.attr.id);
        if (code === undefined) throw new Error(`internal: attribute ${e.attr.name}#${e.attr.id} is not bound`);
        return code;
      }
      case 'lit':
        return this.literal(e.value);
      case 'alias':
        return this.expr(e.child);
      case 'cast':
        return this.strictly([e.child], (a) => genCast(a[0]!, e.child.dataType, e.dataType, e.mode === 'legacy' ? (this.options.ansi ? 'ansi' : 'legacy') : e.mode, this));
      case 'call': {
        const fn = e.fn;
        if (fn.strict === false) return fn.gen(e.args.map((a) => this.expr(a)), this, e);
        return this.strictly(e.args, (a) => fn.gen(a, this, e));
      }
      case 'udf': {
        const f = this.constant(e.fn);
        if (e.raw === true) return `${f}(${e.args.map((a) => this.expr(a)).join(', ')})`;
        const conv = this.constant(e.args.map((a) => a.dataType));
        const out = this.constant(e.dataType);
        return `$h.callUdf(${f}, ${JSON.stringify(e.name)}, [${e.args.map((a) => this.expr(a)).join(', ')}], ${conv}, ${out})`;
      }
      case 'scalarSubquery': {
        const rows = this.runSubquery(e.plan);
        return this.literal(rows.length === 0 ? null : rows[0]![0] ?? null);
      }
      case 'inSubquery': {
        const rows = this.runSubquery(e.plan);
        if (e.child === undefined) return rows.length > 0 ? 'true' : 'false';
        const set = new Set(rows.map((r) => r[0]));
        const hasNull = set.has(null);
        set.delete(null);
        const s = this.constant(set);
        return this.strictly([e.child], (a) => `(${s}.has(${a[0]}) ? true : ${hasNull ? 'null' : 'false'})`);
      }
      case 'lambda':
        return this.lambda(e);
      case 'agg':
      case 'winfn':
      case 'over':
      case 'gen':
        throw new Error(`internal: ${e.k} must be planned before code generation`);
    }
  }

  /** Code of a JavaScript literal for an internal value. */
  literal(v: unknown): string {
    if (v === null || v === undefined) return 'null';
    switch (typeof v) {
      case 'number':
        if (Number.isNaN(v)) return 'NaN';
        if (v === Infinity) return 'Infinity';
        if (v === -Infinity) return '-Infinity';
        return Object.is(v, -0) ? '-0' : `(${String(v)})`;
      case 'string':
        return JSON.stringify(v);
      case 'boolean':
        return String(v);
      case 'bigint':
        return `(${v}n)`;
      default:
        return this.constant(v);
    }
  }

  /**
   * Evaluates `args` once each and, when any nullable one is NULL, yields NULL; otherwise the
   * code `body` builds from the arguments' (temporary) names.
   */
  strictly(args: readonly RExpr[], body: (codes: string[]) => string): string {
    const assigns: string[] = [];
    const checks: string[] = [];
    const codes = args.map((a) => {
      const code = this.expr(a);
      const simple = /^(r\[\d+\]|[a-z]\d*\[\d+\]|t\d+|p\d+|\(-?[\d.e+]+n?\)|"(?:[^"\\]|\\.)*"|true|false|\$c\[\d+\])$/.test(code);
      let name = code;
      if (!simple) {
        name = this.temp();
        assigns.push(`${name} = ${code}`);
      }
      if (a.nullable && code !== 'null') checks.push(`${name} === null`);
      if (code === 'null') checks.push('true');
      return name;
    });
    const inner = body(codes);
    const guarded = checks.length === 0 ? inner : `${checks.join(' || ')} ? null : ${inner}`;
    return assigns.length === 0 ? `(${guarded})` : `(${assigns.join(', ')}, ${guarded})`;
  }

  /** A lambda as a JavaScript arrow function, its parameters bound to fresh names. */
  lambda(e: RLambda): string {
    const names = e.params.map((p) => {
      const n = `p${this.counter++}`;
      this.bindings.set(p.id, n);
      return n;
    });
    this.scopes.push([]);
    const body = this.expr(e.body);
    const decl = this.declarations();
    this.scopes.pop();
    return `((${names.join(', ')}) => { ${decl} return ${body}; })`;
  }

  private runSubquery(plan: RPlan): unknown[][] {
    if (this.options.runSubquery === undefined) throw new Error('internal: subqueries need an executor');
    return this.options.runSubquery(plan);
  }

  /** Evaluates `src` (a function body returning something) with this unit's constants and the runtime in scope. */
  build<F>(src: string): F {
    if (process.env['TSPARK_DUMP_CODE']) process.stderr.write(src + '\n-----\n');
    try {
      return compiled(src)(this.consts, runtime) as F;
    } catch (e) {
      throw new Error(`internal: generated code does not compile (${e instanceof Error ? e.message : String(e)}):\n${src}`);
    }
  }

  /** Runs `f` with a fresh scope of temporaries and returns its result with the scope's declarations. */
  scoped(f: () => string): { code: string; decls: string } {
    this.scopes.push([]);
    try {
      const code = f();
      return { code, decls: this.declarations() };
    } finally {
      this.scopes.pop();
    }
  }

  /** Compiles `body` into a function of `params`, with this unit's constants and the runtime in scope. */
  compile<F>(params: readonly string[], body: string): F {
    const src = `return function(${params.join(', ')}) { ${this.declarations()} ${body} };`;
    try {
      return compiled(src)(this.consts, runtime) as F;
    } catch (e) {
      throw new Error(`internal: generated code does not compile (${e instanceof Error ? e.message : String(e)}):\n${src}`);
    }
  }
}
