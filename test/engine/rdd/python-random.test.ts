/** CPython's random.Random(seed), number for number (values from CPython 3.11's random module). */
import { describe, expect, it } from 'vitest';
import { PythonRandom } from '../../../src/engine/rdd/python-random.js';

describe('PythonRandom', () => {
  // python3 -c "import random; r = random.Random(S); print(r.random(), r.random(), r.getrandbits(64) % 1000, r.randint(0, 1)); x = [1,2,3,4,5,6,7]; r.shuffle(x); print(x)"
  it.each([
    [0, [0.8444218515250481, 0.7579544029403025, 437, 1], [1, 7, 2, 3, 6, 4, 5]],
    [42, [0.6394267984578837, 0.025010755222666936, 495, 0], [4, 7, 3, 5, 1, 6, 2]],
    [2 ** 40 + 5, [0.5043802970418443, 0.2686044399723282, 464, 0], [4, 6, 3, 5, 7, 1, 2]],
    [-7, [0.32383276483316237, 0.15084917392450192, 992, 0], [2, 6, 4, 3, 1, 5, 7]],
  ])('seed %s gives CPython’s numbers', (seed, numbers, shuffled) => {
    const r = new PythonRandom(seed);
    expect([r.random(), r.random(), Number(r.getrandbits(64) % 1000n), Number(r.randint(0n, 1n))]).toEqual(numbers);
    const x = [1, 2, 3, 4, 5, 6, 7];
    r.shuffle(x);
    expect(x).toEqual(shuffled);
  });
});
