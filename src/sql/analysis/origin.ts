/**
 * Spark's positions in analysis errors about SQL text: `[UNRESOLVED_COLUMN…] …; line 1 pos 7;`
 * and then the plan. The innermost parsed node that has a position (a column, a function call,
 * an operator, a table) places the error; nodes built by DataFrame methods have none.
 */
import { AnalysisException, formatErrorMessage } from '../errors.js';
import { originSuffix } from '../parser/origins.js';

const positions = new WeakMap<AnalysisException, string>();
const complete = new WeakSet<Error>();

/** `e`, placed at `node` (`; line L pos P`) when it is an analysis error not yet placed and the node came from SQL text. */
export function placeError(e: unknown, node: object): unknown {
  if (!(e instanceof AnalysisException) || positions.has(e) || complete.has(e)) return e;
  const suffix = originSuffix(node);
  if (suffix === '') return e;
  const context = e.message.slice(formatErrorMessage(e.errorClass, e.messageParameters).length) + suffix;
  const placed = new AnalysisException(e.errorClass, e.messageParameters, { context, cause: e.cause });
  positions.set(placed, suffix);
  return placed;
}

/** The `; line L pos P` an error was placed at, or ``. */
export function errorPosition(e: AnalysisException): string {
  return positions.get(e) ?? '';
}

/** Marks an error as final (its plan appended): outer plans and expressions leave it as it is. */
export function markComplete<E extends Error>(e: E): E {
  complete.add(e);
  return e;
}

/** Whether an error is final. */
export function isComplete(e: Error): boolean {
  return complete.has(e);
}
