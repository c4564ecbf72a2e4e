/**
 * How results are shown: `util.inspect`, never throwing (a value whose inspection throws
 * would otherwise unwind through readline and stall piped input), without the async-hook ids
 * the REPL's domain attaches to promises and timers.
 */
import * as util from 'node:util';

/** Drops the async-hook ids that the REPL's domain attaches to promises and timers: noise to a user. */
export function hideAsyncIds(text: string): string {
  const cleaned = text.replace(
    /,?\n?\s*\[(?:\x1b\[\d+m)?Symbol\((?:async_id_symbol|trigger_async_id_symbol|asyncId|triggerId)\)(?:\x1b\[\d+m)?\]: (?:\x1b\[\d+m)?\d+(?:\x1b\[\d+m)?/g,
    '',
  );
  if (cleaned === text) return text;
  // What is left was broken over lines only because of the ids: put a short value back on one line.
  const oneLine = cleaned.replace(/\n\s*/g, ' ');
  return oneLine.replace(/\x1b\[\d+m/g, '').length <= 72 ? oneLine : cleaned;
}

/** The REPL's writer: inspect with or without colour, and a plain fallback if that throws. */
export function createWriter(colors: boolean, style?: { readonly error: (text: string) => string }): (value: unknown) => string {
  return (value) => {
    try {
      // Errors show as their (already trimmed and mapped) stack: extra fields such as `code` are
      // for programs, and inspect would wrap a frameless error in brackets.
      if (util.types.isNativeError(value) && typeof value.stack === 'string' && value.stack.startsWith(`${value.name}`)) {
        const [head = '', ...frames] = value.stack.split('\n');
        return [style ? style.error(head) : head, ...frames].join('\n');
      }
      return hideAsyncIds(util.inspect(value, { colors, depth: 4 }));
    } catch (e) {
      let why = 'unknown error';
      try {
        why = e instanceof Error ? e.message : String(e);
      } catch {
        // Even the error is hostile: keep the generic text.
      }
      return `[value could not be displayed: ${why}]`;
    }
  };
}
