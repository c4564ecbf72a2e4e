import { fromJSON, type MethodDefinition } from '@grpc/proto-loader';
import { describe, expect, it } from 'vitest';
import { descriptor } from '../../../src/sql/connect/generated/descriptor.js';
import { LOADER_OPTIONS, type DataType__Output } from '../../../src/sql/connect/proto.js';
import { fromProtoType, toProtoType } from '../../../src/sql/connect/types.js';
import {
  ArrayType, BinaryType, BooleanType, ByteType, CalendarIntervalType, DateType, DecimalType, DoubleType,
  FloatType, IntegerType, LongType, MapType, NullType, ShortType, StringType, StructField, StructType,
  TimestampNTZType, TimestampType, sameType, type DataType,
} from '../../../src/sql/types/data-types.js';

const TYPES: DataType[] = [
  new NullType(), new BooleanType(), new ByteType(), new ShortType(), new IntegerType(), new LongType(),
  new FloatType(), new DoubleType(), new DecimalType(10, 2), new DecimalType(38, 18), new StringType(),
  new BinaryType(), new DateType(), new TimestampType(), new TimestampNTZType(), new CalendarIntervalType(),
  new ArrayType(new IntegerType(), true),
  new MapType(new StringType(), new ArrayType(new LongType(), false), true),
  new StructType([new StructField('a', new IntegerType(), false), new StructField('b', new StringType(), true, { comment: 'x' })]),
];

const service = fromJSON(descriptor, LOADER_OPTIONS)['spark.connect.SparkConnectService'] as Record<string, MethodDefinition<unknown, { schema: DataType__Output }>>;

/** Through the wire and back with the runtime loader: as the schema of a real ExecutePlanResponse. */
function roundTrip(t: DataType): DataType__Output {
  const m = service['ExecutePlan']!;
  return m.responseDeserialize(m.responseSerialize({ schema: toProtoType(t) } as never)).schema;
}

describe('Spark types <-> Spark Connect DataType', () => {
  it.each(TYPES.map((t) => [t.simpleString(), t] as const))('%s reads back as itself', (_name, t) => {
    const back = fromProtoType(roundTrip(t));
    expect(sameType(back, t, false)).toBe(true);
    expect(back.simpleString()).toBe(t.simpleString());
  });

  it('keeps struct field metadata', () => {
    const back = fromProtoType(roundTrip(TYPES[TYPES.length - 1]!)) as StructType;
    expect(back.fields[1]!.metadata).toEqual({ comment: 'x' });
  });

  it('reads char/varchar as string and ANSI intervals as CalendarIntervalType, as their values arrive', () => {
    const read = (kind: string, inner: object = {}): string => fromProtoType({ kind, [kind]: inner } as unknown as DataType__Output).simpleString();
    expect(read('char', { length: 3 })).toBe('string');
    expect(read('var_char', { length: 3 })).toBe('string');
    expect(read('year_month_interval')).toBe('interval');
    expect(read('day_time_interval')).toBe('interval');
    expect(read('decimal')).toBe('decimal(10,0)');
  });

  it('refuses a type it cannot read with a line that says what to do', () => {
    expect(() => fromProtoType({ kind: 'variant', variant: {} } as unknown as DataType__Output)).toThrow(/type variant, which tspark cannot read yet; cast it in the query/);
  });
});
