import { describe, expect, it } from 'vitest';
import { decimalString } from '../../../src/sql/connect/arrow.js';
import { fromProtoType, simpleString, toProtoType, type SparkType } from '../../../src/sql/connect/types.js';
import { fromJSON, type MethodDefinition } from '@grpc/proto-loader';
import { descriptor } from '../../../src/sql/connect/generated/descriptor.js';
import { LOADER_OPTIONS, type DataType__Output } from '../../../src/sql/connect/proto.js';

const TYPES: Array<[SparkType, string]> = [
  [{ kind: 'null' }, 'void'],
  [{ kind: 'boolean' }, 'boolean'],
  [{ kind: 'byte' }, 'tinyint'],
  [{ kind: 'short' }, 'smallint'],
  [{ kind: 'integer' }, 'int'],
  [{ kind: 'long' }, 'bigint'],
  [{ kind: 'float' }, 'float'],
  [{ kind: 'double' }, 'double'],
  [{ kind: 'decimal', precision: 10, scale: 2 }, 'decimal(10,2)'],
  [{ kind: 'string' }, 'string'],
  [{ kind: 'char', length: 3 }, 'char(3)'],
  [{ kind: 'var_char', length: 8 }, 'varchar(8)'],
  [{ kind: 'binary' }, 'binary'],
  [{ kind: 'date' }, 'date'],
  [{ kind: 'timestamp' }, 'timestamp'],
  [{ kind: 'timestamp_ntz' }, 'timestamp_ntz'],
  [{ kind: 'calendar_interval' }, 'interval'],
  [{ kind: 'year_month_interval', startField: 0, endField: 1 }, 'interval year to month'],
  [{ kind: 'day_time_interval', startField: 1, endField: 1 }, 'interval hour'],
  [{ kind: 'array', elementType: { kind: 'integer' }, containsNull: true }, 'array<int>'],
  [{ kind: 'map', keyType: { kind: 'string' }, valueType: { kind: 'array', elementType: { kind: 'long' }, containsNull: false }, valueContainsNull: true }, 'map<string,array<bigint>>'],
  [
    { kind: 'struct', fields: [{ name: 'a', dataType: { kind: 'integer' }, nullable: false }, { name: 'b', dataType: { kind: 'string' }, nullable: true, metadata: '{"comment":"x"}' }] },
    'struct<a:int,b:string>',
  ],
  [{ kind: 'variant' }, 'variant'],
];

/** Through the wire and back with the runtime loader: as the type inside a real ExecutePlanResponse. */
const service = fromJSON(descriptor, LOADER_OPTIONS)['spark.connect.SparkConnectService'] as Record<string, MethodDefinition<unknown, { schema: DataType__Output }>>;
function roundTrip(t: SparkType): DataType__Output {
  const m = service['ExecutePlan']!;
  return m.responseDeserialize(m.responseSerialize({ schema: toProtoType(t) } as never)).schema;
}

describe('Spark types <-> Spark Connect DataType', () => {
  it.each(TYPES)('%j reads back from its message and prints as %s', (t, text) => {
    expect(fromProtoType(roundTrip(t))).toEqual(t);
    expect(simpleString(t)).toBe(text);
  });

  it('drops the default UTF8_BINARY collation Spark 4 puts on every string', () => {
    expect(fromProtoType({ kind: 'string', string: { type_variation_reference: 0, collation: 'UTF8_BINARY' } } as DataType__Output)).toEqual({ kind: 'string' });
    expect(simpleString(fromProtoType({ kind: 'string', string: { type_variation_reference: 0, collation: 'UNICODE_CI' } } as DataType__Output))).toBe('string collate UNICODE_CI');
  });

  it('reads a decimal without precision as Spark\'s default decimal(10,0)', () => {
    expect(fromProtoType({ kind: 'decimal', decimal: { type_variation_reference: 0 } } as DataType__Output)).toEqual({ kind: 'decimal', precision: 10, scale: 0 });
  });
});

describe('decimal values', () => {
  it.each([
    ['1234', 2, '12.34'],
    ['-1234', 2, '-12.34'],
    ['50', 3, '0.050'],
    ['-5', 3, '-0.005'],
    ['0', 2, '0.00'],
    ['42', 0, '42'],
    ['12345678901234567890123', 3, '12345678901234567890.123'],
  ])('unscaled %s at scale %i is %s', (unscaled, scale, text) => {
    expect(decimalString(unscaled, scale)).toBe(text);
  });
});
