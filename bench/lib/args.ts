/** Argument parsing for the consumer scripts: `--key value` pairs and bare `--flags`. */

/** Parsed `--key value` arguments. */
export class Args {
  private readonly values = new Map<string, string>();

  constructor(argv: readonly string[] = process.argv.slice(2)) {
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      if (!a.startsWith('--')) continue;
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        this.values.set(a.slice(2), next);
        i++;
      } else {
        this.values.set(a.slice(2), 'true');
      }
    }
  }

  /** A string argument, or `fallback` when absent. */
  str(key: string, fallback?: string): string {
    const v = this.values.get(key) ?? fallback;
    if (v === undefined) throw new Error(`missing argument --${key}`);
    return v;
  }

  /** A numeric argument, or `fallback` when absent; rejects non-numbers with the key named. */
  num(key: string, fallback?: number): number {
    const raw = this.values.get(key);
    if (raw === undefined) {
      if (fallback === undefined) throw new Error(`missing argument --${key}`);
      return fallback;
    }
    const n = Number(raw);
    if (!Number.isFinite(n)) throw new Error(`--${key} must be a number; got ${JSON.stringify(raw)}`);
    return n;
  }

  /** True when `--key` was given (bare or with a value other than "false"). */
  flag(key: string): boolean {
    const v = this.values.get(key);
    return v !== undefined && v !== 'false';
  }
}
