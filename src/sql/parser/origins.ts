/**
 * Where in the SQL text each parsed node came from, for Spark's `; line 1 pos 7` in analysis
 * errors (`[UNRESOLVED_COLUMN…] … ; line 1 pos 7;`). Stored on the node under a symbol that is
 * not enumerable, so plans stay plain data (equal to what DataFrame methods build, invisible to
 * JSON and to deep equality) and reading it costs nothing.
 */
import type { Position } from './parse-errors.js';

const ORIGIN = Symbol('sqlOrigin');

/** The position of the first token of a node the parser built (line 1-based, col 0-based), if known. */
export function originOf(node: object): Position | undefined {
  return (node as { [ORIGIN]?: Position })[ORIGIN];
}

/** Spark's suffix for an analysis error about `node`: `; line 1 pos 7`, or `` when the node has no origin. */
export function originSuffix(node: object): string {
  const o = originOf(node);
  return o === undefined ? '' : `; line ${o.line} pos ${o.col}`;
}

/** Records where a node the parser just built starts (the position object is not copied). */
export function setOrigin<T extends object>(node: T, at: Position): T {
  Object.defineProperty(node, ORIGIN, { value: at, enumerable: false, configurable: true });
  return node;
}
