/**
 * Numbers written as Python writes them, for text pyspark users compare with what they know
 * (`str(stats())`): floats always show a fraction or an exponent (`7.0`, `1e+20`, `1e-05`),
 * `nan`, `inf`, `-inf`; integers without one.
 */

/** Python's `repr(float)`: the shortest round-trip digits; exponent form below 1e-4 and from 1e16. */
export function pythonFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  // toExponential() without digits gives the shortest digits that read back as x.
  const [mantissa = '', exp = '0'] = x.toExponential().split('e');
  const e = Number(exp);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = negative ? '-' : '';
  if (e < -4 || e >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  if (e < 0) return `${sign}0.${'0'.repeat(-e - 1)}${digits}`;
  const whole = digits.slice(0, e + 1).padEnd(e + 1, '0');
  const fraction = digits.slice(e + 1);
  return `${sign}${whole}.${fraction === '' ? '0' : fraction}`;
}

/** A number as Python would print the value a pyspark user had: integers as ints (`9`), the rest as floats. */
export function pythonNumber(x: number): string {
  return Number.isSafeInteger(x) ? String(x) : pythonFloat(x);
}
