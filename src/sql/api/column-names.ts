/**
 * Column names known to the type checker. A DataFrame is `DataFrame<C>` where `C` is the union
 * of the column names TypeScript can see (from a DDL string or a list of names given to
 * `createDataFrame`, `range`'s `id`, `read.text`'s `value`, string columns passed to `select`,
 * `withColumn`, `toDF`) and `string` when it cannot. Known names are declared properties, so
 * `df.age` and `df["age"]` are `Column` even under `noUncheckedIndexedAccess`; other names
 * still reach the index signature (`Column | undefined` there — use `df.col("x")`).
 */

/** `S` without leading and trailing blanks. */
type Trim<S extends string> = S extends ` ${infer R}` | `\n${infer R}` | `\t${infer R}`
  ? Trim<R>
  : S extends `${infer R} ` | `${infer R}\n` | `${infer R}\t`
    ? Trim<R>
    : S;

/** The fields of a DDL string split at the commas outside `<…>` and `(…)`. */
type SplitFields<S extends string, Depth extends unknown[] = [], Cur extends string = '', Out extends string[] = []> = S extends `${infer H}${infer T}`
  ? H extends '<' | '('
    ? SplitFields<T, [...Depth, 0], `${Cur}${H}`, Out>
    : H extends '>' | ')'
      ? SplitFields<T, Depth extends [unknown, ...infer D] ? D : [], `${Cur}${H}`, Out>
      : H extends ','
        ? Depth extends []
          ? SplitFields<T, Depth, '', [...Out, Cur]>
          : SplitFields<T, Depth, `${Cur}${H}`, Out>
        : SplitFields<T, Depth, `${Cur}${H}`, Out>
  : [...Out, Cur];

/** The part of a field's first word before a colon (`d:` of `d: DATE`, `x` of `x:INT`). */
type BeforeColon<W extends string> = W extends `${infer N}:${string}` ? N : W;

/** A field's name (`name STRING`, `name: string`, `x:INT`, `` `a b` INT ``), or `string` when unsure. */
type FieldName<F extends string> = F extends string ? NameOf<Trim<F>> : never;

type NameOf<F extends string> = F extends `\`${infer N}\`${string}`
  ? N
  : F extends `${infer W} ${string}`
    ? BeforeColon<W>
    : F extends `${infer N}:${string}`
      ? N
      : string;

/** The column names of a DDL schema string (`string` when it is not a literal or not a list of fields). */
export type DdlColumnNames<S extends string> = string extends S ? string : FieldName<SplitFields<S>[number]>;

/** The column names a `createDataFrame` schema gives (a DDL string or a list of names). */
export type SchemaColumnNames<S> = S extends string ? DdlColumnNames<S> : S extends readonly (infer N)[] ? (N extends string ? N : string) : string;

/** The name of a column `select("…")` picks: the name itself, or `string` for paths, stars and quoted names. */
export type SelectedName<K extends string> = K extends `${string}${'.' | '*' | '`'}${string}` ? string : K;
