/**
 * Numbers as the JVM prints them, which is what `show()` and `CAST(x AS STRING)` print:
 * `Double.toString` (`1.0`, `1.0E10`, `1.23456789E7`, `1.0E-5`, `NaN`, `Infinity`, `-0.0`) and
 * `Float.toString` (the shortest digits that round-trip through a 32-bit float).
 */

/** Shortest digits and decimal exponent of a finite non-zero number, via JavaScript's own shortest repr. */
function digitsOf(text: string): { digits: string; exp: number } {
  // text is from toExponential() or String(): "1.2345e+7" form.
  const m = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text)!;
  const digits = (m[1]! + (m[2] ?? '')).replace(/0+$/, '') || '0';
  return { digits, exp: Number(m[3]) };
}

function javaStyle(neg: boolean, digits: string, exp: number): string {
  const sign = neg ? '-' : '';
  if (exp >= -3 && exp < 7) {
    // Plain notation with at least one digit after the point.
    if (exp >= 0) {
      const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
      const frac = digits.slice(exp + 1) || '0';
      return `${sign}${intPart}.${frac}`;
    }
    return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  }
  const frac = digits.slice(1) || '0';
  return `${sign}${digits[0]}.${frac}E${exp}`;
}

/** Java's `Double.toString(d)`. */
export function javaDouble(d: number): string {
  if (Number.isNaN(d)) return 'NaN';
  if (d === Infinity) return 'Infinity';
  if (d === -Infinity) return '-Infinity';
  if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
  const { digits, exp } = digitsOf(Math.abs(d).toExponential());
  return javaStyle(d < 0, digits, exp);
}

/** Java's `Float.toString(f)`: the fewest digits that read back as the same float. */
export function javaFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return 'Infinity';
  if (f === -Infinity) return '-Infinity';
  if (f === 0) return Object.is(f, -0) ? '-0.0' : '0.0';
  const a = Math.abs(f);
  let text = a.toExponential();
  for (let p = 1; p <= 9; p++) {
    const t = a.toExponential(p - 1);
    if (Math.fround(Number(t)) === Math.fround(a)) {
      text = t;
      break;
    }
  }
  const { digits, exp } = digitsOf(text);
  return javaStyle(f < 0, digits, exp);
}
