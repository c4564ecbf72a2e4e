/**
 * Random samples of an RDD as pyspark's samplers draw them (pyspark/rddsampler.py): each
 * partition gets its own Python `Random(seed ^ partition)`, warmed up with ten `randint(0, 1)`,
 * then draws one uniform number per element (or a Poisson count, with replacement). With the
 * same seed and the same partitions, the same elements come out as in pyspark.
 */
import { check, describeValue, optional, rule } from '../checks.js';
import { IllegalArgumentError } from '../errors.js';
import { PythonRandom } from './python-random.js';
import type { Stage } from './stages.js';

/** A seed: an integer, as pyspark's (which XORs it with the partition index). */
export const SEED = rule('an integer (number or bigint)', (v): v is number | bigint => (typeof v === 'number' && Number.isSafeInteger(v)) || typeof v === 'bigint');

/** Python's `sys.maxsize`, the bound of pyspark's random seeds. */
const MAX_SIZE = 2n ** 63n - 1n;

/** The seed to use: the given one, or a random one as pyspark's `random.randint(0, bound)`. */
export function seedOf(method: string, seed: unknown, bound: bigint = MAX_SIZE): bigint {
  const s = optional(method, 'seed', seed, SEED);
  if (s !== undefined) return BigInt(s);
  return BigInt(Math.floor(Math.random() * 2 ** 52)) % (bound + 1n);
}

/** A partition's generator: `Random(seed ^ split)`, then ten `randint(0, 1)` to spread nearby seeds. */
function generatorFor(seed: bigint, split: number): PythonRandom {
  const r = new PythonRandom(seed ^ BigInt(split));
  for (let i = 0; i < 10; i++) r.randint(0n, 1n);
  return r;
}

/** Knuth's Poisson draw below a mean of 20, exponential steps above, as pyspark's `getPoissonSample`. */
function poisson(r: PythonRandom, mean: number): number {
  let k = 0;
  if (mean < 20) {
    const l = Math.exp(-mean);
    let p = r.random();
    while (p > l) {
      k++;
      p *= r.random();
    }
  } else {
    let p = r.expovariate(mean);
    while (p < 1) {
      k++;
      p += r.expovariate(mean);
    }
  }
  return k;
}

/** `sample(withReplacement, fraction, seed)` as a narrow step: each partition draws from its own generator. */
export function sampleStage<T>(withReplacement: boolean, fraction: number, seed: bigint): Stage<T, T> {
  return (sink, split) => {
    const r = generatorFor(seed, split);
    if (withReplacement) {
      return (x) => {
        for (let n = poisson(r, fraction); n > 0; n--) sink(x);
      };
    }
    return (x) => {
      if (r.random() < fraction) sink(x);
    };
  };
}

/** One split of `randomSplit`: the elements whose uniform draw falls in [lower, upper). */
export function rangeStage<T>(lower: number, upper: number, seed: bigint): Stage<T, T> {
  return (sink, split) => {
    const r = generatorFor(seed, split);
    return (x) => {
      const u = r.random();
      if (lower <= u && u < upper) sink(x);
    };
  };
}

/** A generator for `takeSample`: seeded, or from a random seed when none is given (pyspark's `Random(None)`). */
export function takeSampleRandom(seed: bigint | undefined): PythonRandom {
  return new PythonRandom(seed ?? BigInt(Math.floor(Math.random() * 2 ** 52)));
}

/** Python's `sys.maxsize`: takeSample draws new seeds in [0, maxsize]. */
export const SYS_MAXSIZE = MAX_SIZE;

/** pyspark's `_computeFractionForSampleSize`: a fraction that gives at least `num` of `total` with high probability. */
export function fractionForSampleSize(num: number, total: number, withReplacement: boolean): number {
  const fraction = num / total;
  if (withReplacement) return fraction + (num < 12 ? 9 : 5) * Math.sqrt(fraction / total);
  const gamma = -Math.log(0.00005) / total;
  return Math.min(1, fraction + gamma + Math.sqrt(gamma * gamma + 2 * gamma * fraction));
}

/** `fraction` checked as pyspark checks it. */
export function checkFraction(method: string, fraction: unknown): number {
  if (typeof fraction !== 'number' || !(fraction >= 0)) {
    throw new IllegalArgumentError('ERR_INVALID_ARGUMENT', `${method}: "fraction" must be a number >= 0 (Fraction must be nonnegative.); got ${describeValue(fraction)}`);
  }
  return fraction;
}

/** The cumulative bounds of `randomSplit(weights)`, checked as pyspark checks them. */
export function splitBounds(weights: unknown): number[] {
  const w = check('randomSplit', 'weights', weights, WEIGHTS);
  if (!w.every((w) => w >= 0)) throw new IllegalArgumentError('ERR_INVALID_ARGUMENT', `randomSplit: "weights" must be nonnegative; got ${describeValue(weights)}`);
  const s = w.reduce((a, b) => a + b, 0);
  if (!(s > 0)) throw new IllegalArgumentError('ERR_INVALID_ARGUMENT', `randomSplit: the sum of "weights" must be positive; got ${describeValue(weights)}`);
  const bounds = [0];
  for (const x of w) bounds.push((bounds[bounds.length - 1] as number) + x / s);
  return bounds;
}

const WEIGHTS = rule('an array of numbers', (v): v is number[] => Array.isArray(v) && v.length > 0 && v.every((w) => typeof w === 'number'));
