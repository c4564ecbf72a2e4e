import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ConnectClient } from '../../../src/sql/connect/client.js';
import { toProtoPlan, toProtoRelation } from '../../../src/sql/connect/translate/relations.js';
import { attr, binary, call, lit, literal, sortOrder } from '../../../src/sql/plan/build.js';
import type { Expression } from '../../../src/sql/plan/expressions.js';
import type { LogicalPlan } from '../../../src/sql/plan/relations.js';
import {
  ArrayType, BinaryType, BooleanType, DateType, DecimalType, DoubleType, IntegerType, LongType, MapType,
  StringType, StructField, StructType, TimestampType, TimestampNTZType,
} from '../../../src/sql/types/data-types.js';
import { describeRemote, newClient } from './remote.js';

const range = (end: number, planId?: number): LogicalPlan => ({ kind: 'range', start: 0, end, step: 1, ...(planId !== undefined ? { planId } : {}) });
const as = (child: Expression, name: string): Expression => ({ kind: 'alias', child, names: [name] });

describeRemote('translating tspark plans to Spark Connect (the server as oracle)', () => {
  let client: ConnectClient;
  const run = async (plan: LogicalPlan) => (await client.collect(toProtoRelation(plan))).rows;
  const sql = async (text: string) => (await client.sql(text)).rows;

  beforeAll(async () => {
    client = newClient();
    await client.configSet({ 'spark.sql.session.timeZone': 'UTC' });
  });
  afterAll(async () => {
    await client.releaseSession();
  });

  it('project, filter, arithmetic, string concat and casts give what the same SQL gives', async () => {
    const plan: LogicalPlan = {
      kind: 'project',
      input: { kind: 'filter', input: range(10), condition: binary('and', binary('>', attr('id'), lit(6)), binary('!=', attr('id'), lit(99))) },
      exprs: [
        attr('id'),
        as(binary('*', attr('id'), lit(2)), 'twice'),
        as(binary('||', lit('n'), { kind: 'cast', child: attr('id'), to: new StringType(), mode: 'default' }), 'label'),
        as(binary('/', attr('id'), lit(4)), 'quarter'),
        as({ kind: 'cast', child: lit('x1'), to: new IntegerType(), mode: 'try' }, 'bad'),
      ],
    };
    expect(await run(plan)).toEqual(await sql("select id, id * 2 as twice, 'n' || cast(id as string) as label, id / 4 as quarter, try_cast('x1' as int) as bad from range(10) where id > 6"));
    expect(await run(plan)).toEqual([
      [7, 14, 'n7', 1.75, null],
      [8, 16, 'n8', 2, null],
      [9, 18, 'n9', 2.25, null],
    ]);
  });

  it('literals of every type go to the server and come back unchanged', async () => {
    const values: Array<[unknown, Expression]> = [
      [7, lit(7)],
      [9007199254740993n, literal(9007199254740993n, new LongType())],
      [2.5, lit(2.5)],
      [true, lit(true)],
      ['héllo', lit('héllo')],
      [12345n, literal(12345n, new DecimalType(10, 3))],
      [new Uint8Array([1, 2, 255]), literal(new Uint8Array([1, 2, 255]), new BinaryType())],
      [19782, literal(19782, new DateType())],
      [1_704_164_645_123_456, literal(1_704_164_645_123_456, new TimestampType())],
      [-1000, literal(-1000, new TimestampNTZType())],
      [[1, null, 3], literal([1, null, 3], new ArrayType(new IntegerType()))],
      [new Map([['a', 1]]), literal(new Map([['a', 1]]), new MapType(new StringType(), new IntegerType()))],
      [[1, 'x'], literal([1, 'x'], new StructType([new StructField('a', new IntegerType()), new StructField('b', new StringType())]))],
      [null, literal(null, new StringType())],
    ];
    const rows = await run({ kind: 'project', input: { kind: 'oneRow' }, exprs: values.map(([, e], i) => as(e, `c${i}`)) });
    expect(rows).toEqual([values.map(([v]) => v)]);
  });

  it('a local relation of every common type goes up as Arrow and comes back unchanged', async () => {
    const schema = new StructType([
      new StructField('i', new IntegerType()),
      new StructField('l', new LongType()),
      new StructField('d', new DoubleType()),
      new StructField('s', new StringType()),
      new StructField('b', new BooleanType()),
      new StructField('dec', new DecimalType(12, 2)),
      new StructField('bin', new BinaryType()),
      new StructField('dt', new DateType()),
      new StructField('ts', new TimestampType()),
      new StructField('arr', new ArrayType(new StringType())),
      new StructField('m', new MapType(new StringType(), new LongType())),
      new StructField('st', new StructType([new StructField('x', new IntegerType()), new StructField('y', new StringType())])),
    ]);
    const rows = [
      [1, 9007199254740993n, 0.5, 'a', true, -12345n, new Uint8Array([0, 9]), 19782, 1_704_164_645_123_456, ['p', null], new Map([['k', 5]]), [1, 'u']],
      [null, null, null, null, null, null, null, null, null, null, null, null],
    ];
    const plan: LogicalPlan = { kind: 'localRelation', schema, partitions: [rows] };
    const back = await client.collect(toProtoRelation(plan));
    expect(back.schema.simpleString()).toBe(schema.simpleString());
    expect(back.rows).toEqual(rows);
  });

  it('groupBy/agg, sort and limit give what the same SQL gives (grouping columns first, as Spark)', async () => {
    const key = as(binary('%', attr('id'), lit(3)), 'k');
    const plan: LogicalPlan = {
      kind: 'limit',
      n: 2,
      input: {
        kind: 'sort',
        global: true,
        order: [sortOrder(attr('k'), 'desc')],
        input: {
          kind: 'aggregate',
          input: range(10),
          groupType: 'groupBy',
          grouping: [key],
          aggregates: [key, as(call('count', lit(1)), 'n'), as(call('sum', attr('id')), 'total'), as({ kind: 'function', name: 'count', args: [binary('%', attr('id'), lit(2))], distinct: true }, 'parities')],
        },
      },
    };
    expect(await run(plan)).toEqual(await sql('select id % 3 as k, count(1) as n, sum(id) as total, count(distinct id % 2) as parities from range(10) group by id % 3 order by k desc limit 2'));
  });

  it('joins tell same-named columns apart by plan id, and join on using columns', async () => {
    const left: LogicalPlan = { kind: 'project', planId: 1, input: range(4), exprs: [attr('id'), as(binary('*', attr('id'), lit(10)), 'v')] };
    const right: LogicalPlan = { kind: 'project', planId: 2, input: range(6), exprs: [as(binary('-', attr('id'), lit(1)), 'id'), as(lit('r'), 'tag')] };
    const byCondition: LogicalPlan = {
      kind: 'sort',
      global: true,
      order: [sortOrder({ kind: 'attribute', name: ['id'], planId: 1 })],
      input: {
        kind: 'project',
        input: { kind: 'join', left, right, joinType: 'left', condition: binary('=', { kind: 'attribute', name: ['id'], planId: 1 }, { kind: 'attribute', name: ['id'], planId: 2 }) },
        exprs: [{ kind: 'attribute', name: ['id'], planId: 1 }, attr('v'), attr('tag')],
      },
    };
    expect(await run(byCondition)).toEqual([[0, 0, 'r'], [1, 10, 'r'], [2, 20, 'r'], [3, 30, 'r']]);
    const using: LogicalPlan = { kind: 'sort', global: true, order: [sortOrder(attr('id'))], input: { kind: 'join', left, right, joinType: 'full', using: ['id'] } };
    expect(await run(using)).toEqual(await sql("select coalesce(l.id, r.id) as id, v, tag from (select id, id * 10 as v from range(4)) l full join (select id - 1 as id, 'r' as tag from range(6)) r on l.id = r.id order by id"));
  });

  it('window functions, when/otherwise, in, getItem, higher-order lambdas and SQL expression strings', async () => {
    const w: Expression = {
      kind: 'window',
      function: call('row_number'),
      spec: { partitionBy: [binary('%', attr('id'), lit(2))], orderBy: [sortOrder(attr('id'), 'desc')] },
    };
    const running: Expression = {
      kind: 'window',
      function: call('sum', attr('id')),
      spec: { partitionBy: [], orderBy: [sortOrder(attr('id'))], frame: { type: 'rows', lower: { kind: 'unboundedPreceding' }, upper: { kind: 'currentRow' } } },
    };
    const plan: LogicalPlan = {
      kind: 'sort',
      global: true,
      order: [sortOrder(attr('id'))],
      input: {
        kind: 'project',
        input: range(5),
        exprs: [
          attr('id'),
          as(w, 'rn'),
          as(running, 'run'),
          as({ kind: 'caseWhen', branches: [[binary('<', attr('id'), lit(2)), lit('low')]], otherwise: lit('high') }, 'band'),
          as({ kind: 'in', child: attr('id'), list: [lit(1), lit(3)] }, 'odd13'),
          as({ kind: 'extractValue', child: call('array', attr('id'), lit(99)), key: lit(1) }, 'second'),
          as(call('transform', call('array', attr('id'), lit(1)), { kind: 'lambda', params: ['x'], body: binary('+', { kind: 'lambdaVariable', name: 'x' }, lit(100)) }), 'plus100'),
          as({ kind: 'expressionString', sql: 'upper(concat("a", id))' }, 'expr'),
        ],
      },
    };
    expect(await run(plan)).toEqual(
      await sql(`select id, row_number() over (partition by id % 2 order by id desc) as rn,
        sum(id) over (order by id rows between unbounded preceding and current row) as run,
        case when id < 2 then 'low' else 'high' end as band, id in (1, 3) as odd13, array(id, 99)[1] as second,
        transform(array(id, 1), x -> x + 100) as plus100, upper(concat('a', id)) as expr from range(5) order by id`),
    );
  });

  it('set operations, dedup, offset/tail, withColumns, renames, drop, toDF, aliases and stars', async () => {
    const twice: LogicalPlan = { kind: 'setOp', op: 'union', left: range(3), right: range(2), all: true, byName: false, allowMissingColumns: false };
    expect((await run({ kind: 'sort', global: true, order: [sortOrder(attr('id'))], input: { kind: 'deduplicate', input: twice } })).map((r) => r[0])).toEqual([0, 1, 2]);
    expect((await run({ kind: 'tail', n: 2, input: { kind: 'offset', n: 1, input: range(5) } })).map((r) => r[0])).toEqual([3, 4]);
    const shaped: LogicalPlan = {
      kind: 'toDF',
      names: ['a', 'b'],
      input: {
        kind: 'drop',
        names: ['gone'],
        columns: [],
        input: {
          kind: 'withColumnsRenamed',
          renames: [['id', 'n']],
          input: { kind: 'withColumns', names: ['sq', 'gone'], exprs: [binary('*', attr('id'), attr('id')), lit(0)], input: range(3) },
        },
      },
    };
    const r = await client.collect(toProtoRelation(shaped));
    expect(r.schema.fieldNames()).toEqual(['a', 'b']);
    expect(r.rows).toEqual([[0, 0], [1, 1], [2, 4]]);
    const aliased: LogicalPlan = { kind: 'project', input: { kind: 'subqueryAlias', alias: 't', input: range(2) }, exprs: [{ kind: 'star', target: ['t'] }, attr('t', 'id')] };
    expect(await run(aliased)).toEqual([[0, 0], [1, 1]]);
    const hinted: LogicalPlan = { kind: 'hint', name: 'broadcast', parameters: [], input: { kind: 'repartition', numPartitions: 3, exprs: [], shuffle: true, input: range(7) } };
    expect((await run(hinted)).length).toBe(7);
  });

  it('generators (explode, outer), pivot, rollup, sample and a bare one-row relation', async () => {
    const arrays: LogicalPlan = {
      kind: 'project',
      input: range(3),
      exprs: [attr('id'), as({ kind: 'caseWhen', branches: [[binary('=', attr('id'), lit(1)), call('array')]], otherwise: call('array', attr('id'), binary('*', attr('id'), lit(10))) }, 'xs')],
    };
    const exploded: LogicalPlan = { kind: 'generate', input: arrays, generator: call('explode', attr('xs')), outer: true, aliases: ['x'] };
    expect(await run({ kind: 'sort', global: true, order: [sortOrder(attr('id')), sortOrder(attr('x'))], input: { kind: 'project', input: exploded, exprs: [attr('id'), attr('x')] } })).toEqual(
      await sql('select id, x from (select id, case when id = 1 then array() else array(id, id * 10) end as xs from range(3)) lateral view outer explode(xs) t as x order by id, x'),
    );
    const k = binary('%', attr('id'), lit(2));
    const pivoted: LogicalPlan = {
      kind: 'sort',
      global: true,
      order: [sortOrder(attr('k'))],
      input: {
        kind: 'aggregate',
        input: { kind: 'project', input: range(6), exprs: [attr('id'), as(k, 'k'), as(binary('%', attr('id'), lit(3)), 'm')] },
        groupType: 'pivot',
        grouping: [attr('k')],
        aggregates: [attr('k'), as(call('sum', attr('id')), 's')],
        pivot: { column: attr('m'), values: [lit(0), lit(1)] },
      },
    };
    expect(await run(pivoted)).toEqual(await sql('select * from (select id, id % 2 as k, id % 3 as m from range(6)) pivot (sum(id) as s for m in (0, 1)) order by k'));
    const rolled: LogicalPlan = {
      kind: 'sort',
      global: true,
      order: [sortOrder(attr('k'))],
      input: { kind: 'aggregate', input: { kind: 'project', input: range(4), exprs: [attr('id'), as(k, 'k')] }, groupType: 'rollup', grouping: [attr('k')], aggregates: [attr('k'), as(call('count', lit(1)), 'n')] },
    };
    expect(await run(rolled)).toEqual([[null, 4], [0, 2], [1, 2]]);
    const sampled = await run({ kind: 'sample', input: range(1000), lower: 0, upper: 0.5, withReplacement: false, seed: 42 });
    expect(sampled.length).toBeGreaterThan(400);
    expect(sampled.length).toBeLessThan(600);
    expect(await run({ kind: 'oneRow' })).toEqual([[]]);
  });

  it('scalar and EXISTS subqueries travel as references of the relation that uses them', async () => {
    const maxOf5: LogicalPlan = { kind: 'aggregate', input: range(5), groupType: 'groupBy', grouping: [], aggregates: [as(call('max', attr('id')), 'm')] };
    const above: LogicalPlan = { kind: 'filter', input: range(10), condition: binary('>', attr('id'), { kind: 'scalarSubquery', plan: maxOf5 }) };
    expect((await run(above)).map((r) => r[0])).toEqual([5, 6, 7, 8, 9]);
    const none: LogicalPlan = { kind: 'filter', input: range(3), condition: lit(false) };
    const flags: LogicalPlan = {
      kind: 'project',
      input: range(2),
      exprs: [attr('id'), as({ kind: 'exists', plan: none }, 'any_none'), as({ kind: 'exists', plan: range(1) }, 'any_one'), as(binary('+', attr('id'), { kind: 'scalarSubquery', plan: maxOf5 }), 'plus_max')],
    };
    expect(await run(flags)).toEqual(await sql('select id, exists(select 1 from range(3) where false) as any_none, exists(select * from range(1)) as any_one, id + (select max(id) from range(5)) as plus_max from range(2)'));
  });

  it('views and writes go as commands; a data-source read gets the written rows back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tspark-connect-write-'));
    try {
      await client.command(toProtoPlan({ kind: 'command', command: { kind: 'createView', name: ['tspark_tv'], plan: range(3), replace: true, global: false, ifNotExists: false } }).command!);
      expect(await sql('select sum(id) from tspark_tv')).toEqual([[3]]);
      const out = join(dir, 'out');
      await client.command(
        toProtoPlan({ kind: 'command', command: { kind: 'write', plan: range(5), format: 'json', mode: 'error', options: {}, partitionBy: [], path: out } }).command!,
      );
      const back = await run({
        kind: 'sort',
        global: true,
        order: [sortOrder(attr('id'))],
        input: { kind: 'read', format: 'json', options: {}, paths: [out], schema: new StructType([new StructField('id', new LongType())]), isStreaming: false },
      });
      expect(back.map((x) => x[0])).toEqual([0, 1, 2, 3, 4]);
      const again = await client
        .command(toProtoPlan({ kind: 'command', command: { kind: 'write', plan: range(1), format: 'json', mode: 'error', options: {}, partitionBy: [], path: out } }).command!)
        .catch((e: unknown) => e);
      expect(again).toMatchObject({ code: 'ERR_SQL_ANALYSIS', errorClass: 'PATH_ALREADY_EXISTS' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an unresolved column in a translated plan fails with Spark\'s error class, one line', async () => {
    const e = await run({ kind: 'project', input: range(1), exprs: [attr('nope')] }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'ERR_SQL_ANALYSIS', errorClass: 'UNRESOLVED_COLUMN.WITH_SUGGESTION' });
    expect((e as Error).message).not.toContain('\n');
  });

  it('refuses what Spark cannot run, at translation, with what to do instead', () => {
    const udf: Expression = { kind: 'udf', name: 'shout', fn: (s) => String(s).toUpperCase(), returnType: new StringType(), args: [attr('id')], deterministic: true };
    expect(() => toProtoRelation({ kind: 'project', input: range(1), exprs: [udf] })).toThrow(
      expect.objectContaining({ code: 'ERR_CONNECT_UNSUPPORTED', message: expect.stringMatching(/^The TypeScript UDF shout cannot run on a remote Spark session: Spark cannot run JavaScript; use a built-in function from F/) }),
    );
    expect(() => toProtoRelation({ kind: 'scalarSubquery', plan: range(1) } as unknown as LogicalPlan)).toThrow(/not a relation this client knows/);
    expect(() => toProtoRelation({ kind: 'project', input: range(1), exprs: [{ kind: 'inSubquery', child: attr('id'), plan: range(1) }] })).toThrow(
      expect.objectContaining({ code: 'ERR_CONNECT_UNSUPPORTED', message: expect.stringContaining('use a semi join') }),
    );
  });
});
