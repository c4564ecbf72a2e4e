/**
 * Functions about the row's place in the query: `monotonically_increasing_id` (partition index
 * in the upper 31 bits, as Spark), `spark_partition_id`, `input_file_name`, `typeof`, `uuid`.
 */
import { randomUUID } from 'node:crypto';
import { IntegerType, LongType, StringType } from '../types/data-types.js';
import { scalarFn } from './define.js';
import type { ScalarFunction } from './function.js';

/** Misc functions by name. The executor binds `$p` (partition index) and `$i` (row counter) in generated code. */
export const MISC_FUNCTIONS: ScalarFunction[] = [
  scalarFn({
    name: 'monotonically_increasing_id',
    arity: [0, 0],
    result: new LongType(),
    nullable: false,
    nondeterministic: true,
    gen: () => `($p * 8589934592 + ($i++))`,
  }),
  scalarFn({ name: 'spark_partition_id', arity: [0, 0], result: new IntegerType(), nullable: false, nondeterministic: true, gen: () => '$p' }),
  scalarFn({ name: 'input_file_name', arity: [0, 0], result: new StringType(), nullable: false, gen: () => '""' }),
  scalarFn({ name: 'uuid', arity: [0, 0], result: new StringType(), nullable: false, nondeterministic: true, gen: (_a, g) => `${g.constant(randomUUID)}()` }),
  scalarFn({
    name: 'typeof',
    arity: [1, 1],
    strict: false,
    result: new StringType(),
    nullable: false,
    gen: (_a, _g, call) => JSON.stringify(call.args[0]!.dataType.simpleString()),
  }),
];
