/**
 * `EXTRACT(field FROM source)` and `date_part(field, source)`: Spark replaces them with the
 * function that reads the field (`YEAR` → `year(source)`, `DOW` → `dayofweek`, `SECOND` → the
 * seconds with their fraction as DECIMAL(8,6)) and names the column after the call as written
 * (`extract(YEAR FROM d)`, `date_part(year, d)`).
 */
import { AnalysisException, quoteId } from '../errors.js';
import { literalValue, scalarFn } from '../functions/define.js';
import type { ResolveContext, ScalarFunction } from '../functions/function.js';
import { lookupFunction, lookupOperator } from '../functions/registry.js';
import { DecimalType, IntegerType } from '../types/data-types.js';
import { localFields } from '../types/datetime.js';
import type { RExpr } from './resolved.js';

/** Seconds with their microseconds (Spark's SecondWithFraction): an unscaled DECIMAL(8,6). */
function secondWithFraction(us: number, tz: string): bigint {
  const f = localFields(us, tz);
  return BigInt(f.second * 1_000_000 + f.micros);
}

/** The ISO-8601 week-based year of a day (Spark's YearOfWeek). */
function yearOfWeek(days: number): number {
  const dow = (new Date(days * 86_400_000).getUTCDay() + 6) % 7;
  return new Date((days - dow + 3) * 86_400_000).getUTCFullYear();
}

const SECOND_FRACTION = scalarFn({
  name: 'second',
  arity: [1, 1],
  inputs: ['timestamp'],
  result: new DecimalType(8, 6),
  gen: ([a], g) => `${g.constant(secondWithFraction)}(${a}, ${JSON.stringify(g.options.timeZone)})`,
});

const YEAR_OF_WEEK = scalarFn({
  name: 'yearofweek',
  arity: [1, 1],
  inputs: ['date'],
  result: new IntegerType(),
  gen: ([a], g) => `${g.constant(yearOfWeek)}(${a})`,
});

/** Spark's DatePart.parseExtractField: the field's function, or undefined for an unknown field. */
function fieldFunction(field: string): { fn: ScalarFunction; plusOne?: boolean } | undefined {
  const named = (n: string): { fn: ScalarFunction } => ({ fn: lookupFunction(n) as ScalarFunction });
  switch (field.toUpperCase()) {
    case 'YEAR':
    case 'Y':
    case 'YEARS':
    case 'YR':
    case 'YRS':
      return named('year');
    case 'YEAROFWEEK':
      return { fn: YEAR_OF_WEEK };
    case 'QUARTER':
    case 'QTR':
      return named('quarter');
    case 'MONTH':
    case 'MON':
    case 'MONS':
    case 'MONTHS':
      return named('month');
    case 'WEEK':
    case 'W':
    case 'WEEKS':
      return named('weekofyear');
    case 'DAY':
    case 'D':
    case 'DAYS':
      return named('dayofmonth');
    case 'DAYOFWEEK':
    case 'DOW':
      return named('dayofweek');
    case 'DAYOFWEEK_ISO':
    case 'DOW_ISO':
      return { ...named('weekday'), plusOne: true };
    case 'DOY':
      return named('dayofyear');
    case 'HOUR':
    case 'H':
    case 'HOURS':
    case 'HR':
    case 'HRS':
      return named('hour');
    case 'MINUTE':
    case 'M':
    case 'MIN':
    case 'MINS':
    case 'MINUTES':
      return named('minute');
    case 'SECOND':
    case 'S':
    case 'SEC':
    case 'SECONDS':
    case 'SECS':
      return { fn: SECOND_FRACTION };
    default:
      return undefined;
  }
}

/** The call `fn(args)` resolved, with `display` as its name. */
function displayed(fn: ScalarFunction, args: readonly RExpr[], ctx: ResolveContext, display: () => string): RExpr {
  const r = fn.resolve(args, ctx);
  const shown: ScalarFunction = { ...fn, sql: () => display() };
  return { k: 'call', fn: shown, args: r.args, dataType: r.dataType, nullable: r.nullable, ...(r.extra === undefined ? {} : { extra: r.extra }) };
}

/**
 * Resolves `extract(field, source)` (what the parser makes of `EXTRACT(field FROM source)`) or
 * `date_part(field, source)`, with resolved arguments.
 */
export function resolveExtract(name: 'extract' | 'date_part' | 'datepart', args: readonly RExpr[], ctx: ResolveContext): RExpr {
  const [fieldArg, source] = args as [RExpr, RExpr];
  const field = literalValue(fieldArg);
  if (typeof field !== 'string' || fieldArg.dataType.kind !== 'string') {
    // Spark: the field must be a foldable string (NON_FOLDABLE_INPUT / UNEXPECTED_INPUT_TYPE).
    throw new AnalysisException('DATATYPE_MISMATCH.NON_FOLDABLE_INPUT', {
      sqlExpr: `"${name}(${ctx.sql(fieldArg)}, ${ctx.sql(source)})"`,
      inputName: quoteId('field'),
      inputType: '"STRING"',
      inputExpr: `"${ctx.sql(fieldArg)}"`,
    });
  }
  if (source.dataType.kind === 'interval') throw new AnalysisException('NOT_IMPLEMENTED', { feature: `${name.toUpperCase()} of a field from an interval` });
  const picked = fieldFunction(field);
  if (picked === undefined) {
    throw new AnalysisException('INVALID_EXTRACT_FIELD', { field: quoteId(field), expr: `"${ctx.sql(source)}"` });
  }
  const display = (): string => (name === 'extract' ? `extract(${field} FROM ${ctx.sql(source)})` : `${name}(${field}, ${ctx.sql(source)})`);
  if (!picked.plusOne) return displayed(picked.fn, [source], ctx, display);
  const weekday = picked.fn.resolve([source], ctx);
  const inner: RExpr = { k: 'call', fn: picked.fn, args: weekday.args, dataType: weekday.dataType, nullable: weekday.nullable };
  return displayed(lookupOperator('+'), [inner, { k: 'lit', value: 1, dataType: new IntegerType(), nullable: false }], ctx, display);
}
