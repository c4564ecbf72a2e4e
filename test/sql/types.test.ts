import { describe, expect, it } from 'vitest';
import {
  ArrayType,
  DecimalType,
  IntegerType,
  LongType,
  MapType,
  StringType,
  StructField,
  StructType,
  parseDataType,
  parseSchema,
  toDDL,
  fromJson,
} from '../../src/sql/types/index.js';
import { Row, rowClass, rowFactory } from '../../src/sql/row.js';
import { ParseException } from '../../src/sql/errors.js';
import { Decimal, longFromBigInt, toLong } from '../../src/sql/types/values.js';

describe('data types', () => {
  it('prints simpleString, typeName and sql as Spark does', () => {
    const s = StructType([StructField('name', StringType(), true), StructField('age', IntegerType())]);
    expect(s.simpleString()).toBe('struct<name:string,age:int>');
    expect(String(s)).toBe("StructType([StructField('name', StringType(), True), StructField('age', IntegerType(), True)])");
    expect(new ArrayType(new IntegerType()).sql()).toBe('ARRAY<INT>');
    expect(MapType(StringType(), LongType()).simpleString()).toBe('map<string,bigint>');
    expect(new DecimalType(10, 2).simpleString()).toBe('decimal(10,2)');
    expect(new LongType().typeName()).toBe('long');
    expect(StringType() instanceof StringType).toBe(true);
  });

  it('parses DDL schemas in every form pyspark accepts', () => {
    expect(parseSchema('word STRING, count BIGINT').simpleString()).toBe('struct<word:string,count:bigint>');
    expect(parseSchema('a: int, b: string').simpleString()).toBe('struct<a:int,b:string>');
    expect(parseSchema('struct<a:int,b:array<string>>').simpleString()).toBe('struct<a:int,b:array<string>>');
    expect(parseSchema('x DECIMAL(5,2) NOT NULL').fields[0]!.nullable).toBe(false);
    expect(parseSchema('int').simpleString()).toBe('struct<value:int>');
    expect(parseDataType('map<string, array<int>>').simpleString()).toBe('map<string,array<int>>');
    expect(toDDL(parseSchema('word string, `my col` int not null'))).toBe('word STRING,`my col` INT NOT NULL');
  });

  it('rejects bad type text with Spark error classes', () => {
    expect(() => parseSchema('a foo')).toThrow(ParseException);
    try {
      parseDataType('array<int');
    } catch (e) {
      expect((e as ParseException).errorClass).toBe('PARSE_SYNTAX_ERROR');
      expect((e as ParseException).code).toBe('ERR_SQL_PARSE');
    }
    try {
      parseDataType('foo');
    } catch (e) {
      expect((e as ParseException).message).toBe('[UNSUPPORTED_DATATYPE] Unsupported data type "FOO".');
    }
  });

  it('round-trips Spark JSON schemas', () => {
    const s = parseSchema('a INT, m MAP<STRING, ARRAY<DOUBLE>>, d DECIMAL(10,2)');
    expect(fromJson(JSON.parse(s.json())).simpleString()).toBe(s.simpleString());
  });
});

describe('values', () => {
  it('keeps longs as safe numbers and wraps at 64 bits', () => {
    expect(toLong(3)).toBe(3);
    expect(longFromBigInt(9223372036854775807n + 1n)).toBe(-9223372036854775808n);
    expect(longFromBigInt(2n ** 53n - 1n)).toBe(2 ** 53 - 1);
    expect(String(Decimal.parse('12.30'))).toBe('12.30');
    expect(String(Decimal.parse('-0.5'))).toBe('-0.5');
  });
});

describe('Row', () => {
  it('reads by name and position and prints as pyspark', () => {
    const r = new Row({ word: 'spark', count: 3 });
    expect(r.word).toBe('spark');
    expect(r['count']).toBe(3);
    expect(r[0]).toBe('spark');
    expect(r.asDict()).toEqual({ word: 'spark', count: 3 });
    expect([...r]).toEqual(['spark', 3]);
    expect('word' in r).toBe(true);
    expect(String(r)).toBe("Row(word='spark', count=3)");
  });

  it('prints typed values as Python reprs', () => {
    const make = rowFactory(['a', 'b', 'c'], [new ArrayType(new StringType()), new StructType([]), new LongType()]);
    expect(String(make([['x', null], null, 1]))).toBe("Row(a=['x', None], b=None, c=1)");
    const d = rowFactory(['avg'], [parseDataType('double')]);
    expect(String(d([3]))).toBe('Row(avg=3.0)');
  });

  it('makes row classes as Row("name", "age") does', () => {
    const Person = rowClass('name', 'age');
    expect(String(Person('Alice', 11))).toBe("Row(name='Alice', age=11)");
  });
});
