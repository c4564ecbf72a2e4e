/**
 * Subquery expressions as Spark Connect 4.0 carries them (as pyspark 4's `scalar()` and
 * `exists()`): the expression names a plan by `plan_id`, and the relation whose expressions hold
 * it is wrapped in `with_relations { root, references }` carrying the referenced plans.
 * Translation is synchronous, so the references of the relation being translated are gathered
 * on a stack: each relation collects the subqueries of its own expressions only.
 */
import type { Relation } from '../proto.js';

const stack: Relation[][] = [];

/** Plan ids the translator gives to plans that have none; far above a session's DataFrame ids. */
let nextId = 1_000_000_000;

/** A fresh plan id for a referenced plan or a `with_relations` wrapper. */
export function freshPlanId(): number {
  return nextId++;
}

/** Records a referenced plan for the relation being translated (its `common.plan_id` set). */
export function addReference(relation: Relation): void {
  const top = stack[stack.length - 1];
  if (!top) throw new Error('a subquery expression outside a relation');
  top.push(relation);
}

/** Translates one relation, wrapping it in `with_relations` when its expressions hold subqueries. */
export function collectingReferences(build: () => Relation): Relation {
  stack.push([]);
  let relation: Relation;
  let references: Relation[];
  try {
    relation = build();
  } finally {
    references = stack.pop()!;
  }
  if (!references.length) return relation;
  return { common: { plan_id: freshPlanId() }, with_relations: { root: relation, references } };
}
