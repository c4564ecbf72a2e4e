/**
 * PostgreSQL's built-in type OIDs (pg_type.dat) as type names with their modifiers, for the
 * columns of a result: `numeric(10,2)` comes as OID 1700 with typmod ((10 << 16) | 2) + 4.
 */
import type { DbColumn } from './connection.js';

const NAMES: Readonly<Record<number, string>> = {
  16: 'boolean',
  17: 'bytea',
  18: 'char',
  19: 'name',
  20: 'bigint',
  21: 'smallint',
  23: 'integer',
  25: 'text',
  26: 'oid',
  114: 'json',
  142: 'xml',
  650: 'cidr',
  700: 'real',
  701: 'double precision',
  790: 'money',
  829: 'macaddr',
  869: 'inet',
  1042: 'character',
  1043: 'character varying',
  1082: 'date',
  1083: 'time',
  1114: 'timestamp',
  1184: 'timestamptz',
  1186: 'interval',
  1266: 'timetz',
  1560: 'bit',
  1562: 'bit varying',
  1700: 'numeric',
  2950: 'uuid',
  3802: 'jsonb',
};

/** Array types: OID → element type OID. */
const ARRAYS: Readonly<Record<number, number>> = {
  1000: 16,
  1001: 17,
  1005: 21,
  1007: 23,
  1009: 25,
  1014: 1042,
  1015: 1043,
  1016: 20,
  1021: 700,
  1022: 701,
  1115: 1114,
  1182: 1082,
  1185: 1184,
  1231: 1700,
  2951: 2950,
  199: 114,
  3807: 3802,
};

/** The type name (arrays as `integer[]`) and modifiers of a column of type `oid` with modifier `typmod`. */
export function pgTypeInfo(oid: number, typmod: number): Pick<DbColumn, 'typeName' | 'precision' | 'scale'> {
  const element = ARRAYS[oid];
  if (element !== undefined) return { typeName: `${NAMES[element] ?? `oid ${element}`}[]`, ...modifiers(element, typmod) };
  return { typeName: NAMES[oid] ?? `oid ${oid}`, ...modifiers(oid, typmod) };
}

function modifiers(oid: number, typmod: number): Pick<DbColumn, 'precision' | 'scale'> {
  if (typmod < 0) return {};
  if (oid === 1700) return { precision: ((typmod - 4) >> 16) & 0xffff, scale: (typmod - 4) & 0xffff };
  if (oid === 1042 || oid === 1043) return { precision: typmod - 4 };
  if (oid === 1560 || oid === 1562) return { precision: typmod };
  return {};
}
