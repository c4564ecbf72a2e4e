/**
 * The CSV reader's byte path and column pruning give what the general path gives: numbers
 * parsed from digits equal `Double.parseDouble` / `Long.parseLong`, unusual tokens and
 * malformed lines fall back, and a query reading some columns sees the same values in them
 * (PERMISSIVE), while DROPMALFORMED still judges whole lines.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { SparkContext } from '../../../src/sql/engine.js';
import { SparkSession, functions as F } from '../../../src/sql/index.js';
import { cleanup, readAll, scan, tempDir, writeInputs } from './helpers.js';

const dir = tempDir('tspark-csv-fast-');
afterAll(() => cleanup(dir));
const spark = new SparkSession(new SparkContext('local[2]', 'csv-fast-path'), { out: () => undefined });

const lines = [
  'id,key,value,note',
  '1,a,1.5,x',
  '-0,b,-0.0,y',
  '007,c,.5,z',
  '123456789012345678,d,1e3,é',
  '5,e,0.1000000000000000055511151231257827,',
  '6,f,123456789.123456789,w',
  '7,,NaN,v',
  '8,g,abc,bad value',
  '9,h',
  '10,i,2.25,u,extra',
  '#11,j,1,c',
  '',
  '12,k,-7.125,t',
];

writeInputs(dir, { 'a.csv': lines.join('\n') + '\n' });
const path = join(dir, 'a.csv');
const schema = 'id BIGINT, key STRING, value DOUBLE, note STRING';

describe('csv byte path', () => {
  it('parses numbers as the JVM does and falls back on anything unusual', () => {
    const rows = readAll(scan('csv', [path], { header: 'true', comment: '#' }, schema));
    expect(rows).toEqual([
      [1, 'a', 1.5, 'x'],
      [0, 'b', -0, 'y'],
      [7, 'c', 0.5, 'z'],
      [123456789012345678n, 'd', 1000, 'é'],
      [5, 'e', 0.1, null],
      [6, 'f', 123456789.123456789, 'w'],
      [7, null, NaN, 'v'],
      [8, 'g', null, 'bad value'],
      [9, 'h', null, null],
      [10, 'i', 2.25, 'u'],
      [12, 'k', -7.125, 't'],
    ]);
    expect(Object.is(rows[1]![2], -0)).toBe(true);
    expect(Object.is(rows[1]![0], 0)).toBe(true);
  });

  it('a query reading two columns gets the same values in them (pruned PERMISSIVE read)', () => {
    const df = spark.read.option('header', 'true').option('comment', '#').schema(schema).csv(path);
    const full = df.collect().map((r) => [r['key'], r['value']]);
    const pruned = df.select('key', 'value').collect().map((r) => [r['key'], r['value']]);
    expect(pruned).toEqual(full);
    expect(df.groupBy('key').agg(F.sum('value').alias('s')).orderBy('key').collect().map((r) => r['s'])).toEqual([NaN, 1.5, -0, 0.5, 1000, 0.1, 123456789.123456789, null, null, 2.25, -7.125]);
    expect(df.count()).toBe(11);
  });

  it('DROPMALFORMED still drops a line whose unread column is bad', () => {
    const df = spark.read.option('header', 'true').option('comment', '#').option('mode', 'DROPMALFORMED').schema(schema).csv(path);
    expect(df.select('id').collect().map((r) => r['id'])).toEqual([1, 0, 7, 123456789012345678n, 5, 6, 7, 12]);
  });

  it('quoted blocks and \\r\\n line ends take the general path with the same result', () => {
    writeInputs(dir, { 'q.csv': 'id,key,value,note\r\n1,"a,b",2.5,x\r\n2,c,3,"y"\r\n' });
    const df = spark.read.option('header', 'true').schema(schema).csv(join(dir, 'q.csv'));
    expect(df.select('key', 'value').collect().map((r) => [r['key'], r['value']])).toEqual([
      ['a,b', 2.5],
      ['c', 3],
    ]);
  });
});
