/**
 * The shell's own colours (prompt, errors, warnings, advice), through chalk. chalk loads behind
 * the prompt (it costs 20-40 ms at start-up), so text printed before that is plain; with colour
 * off every style is the identity.
 */
import type { ChalkInstance } from 'chalk';

/** A text style: returns `text` wrapped in colour codes, or unchanged. */
export type Paint = (text: string) => string;

/** The styles the shell uses. */
export interface Style {
  readonly prompt: Paint;
  readonly error: Paint;
  readonly warn: Paint;
  readonly note: Paint;
  /** Resolves once chalk is loaded (at once when colour is off). */
  readonly ready: Promise<void>;
}

/** Creates the styles; `colors` false gives plain text forever. */
export function createStyle(colors: boolean): Style {
  let chalk: ChalkInstance | undefined;
  const ready = colors
    ? import('chalk').then(
        ({ Chalk }) => {
          chalk = new Chalk({ level: 1 });
        },
        () => undefined,
      )
    : Promise.resolve();
  const paint =
    (pick: (c: ChalkInstance) => ChalkInstance): Paint =>
    (text) =>
      chalk ? pick(chalk)(text) : text;
  return {
    prompt: paint((c) => c.bold.cyan),
    error: paint((c) => c.red),
    warn: paint((c) => c.yellow),
    note: paint((c) => c.dim),
    ready,
  };
}
