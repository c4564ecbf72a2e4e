/**
 * pyspark writes `StringType()` and `Row(name="x")` without `new`; a JavaScript class cannot be
 * called. `callable(C)` is the class itself behind a Proxy whose call trap constructs, so both
 * `StringType()` and `new StringType()` work and `instanceof` still holds.
 */

/** A class that can also be called without `new`. */
export type Callable<C extends new (...args: never[]) => object> = C & ((...args: ConstructorParameters<C>) => InstanceType<C>);

/** Wraps a class so that calling it constructs. */
export function callable<C extends new (...args: never[]) => object>(cls: C): Callable<C> {
  return new Proxy(cls, {
    apply: (target, _thisArg, args: unknown[]) => new target(...(args as ConstructorParameters<C>)),
  }) as Callable<C>;
}
