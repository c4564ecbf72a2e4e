/** The shape of one benchmark of the suite, and what it hands back to the runner. */

/** Settings of one suite run, from the command line. */
export interface BenchContext {
  /** Interleaved rounds per contender (median over these). */
  readonly rounds: number;
  /** Small data and one round: checks the harness and the totals, not the speed. */
  readonly smoke: boolean;
  /** How long B11's windowed-state run lasts, in seconds (`--window-seconds`); its default when absent. */
  readonly windowSeconds?: number;
  /** Optional peers asked for with `--peers`, e.g. "pyspark". */
  readonly peers: ReadonlySet<string>;
  /** Absolute path of `dist/bench`, where the compiled scripts live. */
  readonly distBench: string;
  /** Absolute path of the repository root. */
  readonly root: string;
  /** Progress lines (stderr), so the table on stdout stays clean. */
  log(message: string): void;
}

/** One target of the reference and where this run stands against it. */
export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  /** `undefined` when it could not be measured in this run (a missing piece, named in `measured`). */
  readonly met: boolean | undefined;
}

/** A benchmark's result: the printed table, the targets, and the raw data for the JSON file. */
export interface BenchOutcome {
  readonly table: string;
  readonly targets: readonly TargetCheck[];
  /** Wrong totals anywhere: the run fails, whatever the speed. */
  readonly incorrect: readonly string[];
  readonly data: unknown;
}

/** A benchmark of the suite. */
export interface Benchmark {
  /** Short name used on the command line: "b2" or "wordcount". */
  readonly id: string;
  readonly aliases: readonly string[];
  readonly title: string;
  run(ctx: BenchContext): Promise<BenchOutcome>;
}
