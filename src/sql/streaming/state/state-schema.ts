/**
 * The state schema check on restart (Spark's StateSchemaCompatibilityChecker): each stateful
 * operator's key and value shapes are written to `state/<op>/0/_metadata/schema` the first
 * time; a restart whose operators have other shapes (a changed grouping key, other aggregates,
 * another operator in that place) or that finds no state for an operator that should have
 * some is refused before any batch runs, as Spark's recovery rules require.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SparkRuntimeException } from '../../errors.js';
import type { Checkpoint } from '../checkpoint/checkpoint.js';
import { writeAtomically } from '../checkpoint/metadata-log.js';
import type { StateSchema, StatefulOperator } from '../operators/operator.js';

function schemaFile(checkpoint: Checkpoint, op: number): string {
  return join(checkpoint.stateDir(op), '0', '_metadata', 'schema');
}

/** Checks (and on first use writes) every operator's state schema; `batchId` is the next batch to run. */
export function checkStateSchemas(operators: readonly StatefulOperator[], checkpoint: Checkpoint, batchId: number): void {
  for (const op of operators) {
    const file = schemaFile(checkpoint, op.operatorId);
    const mine = op.stateSchema();
    if (!existsSync(file)) {
      if (batchId > 0) {
        throw new SparkRuntimeException('STREAMING_ILLEGAL_STATE', {
          message: `The checkpoint ${checkpoint.dir} has no state for stateful operator ${op.operatorId} (${mine.operatorName}) before batch ${batchId}: the query was changed to add or move a stateful operation, which the recovery rules of Structured Streaming do not allow. Restore the query as it was, or start it with a new checkpointLocation.`,
        });
      }
      writeAtomically(file, JSON.stringify(mine));
      continue;
    }
    const existing = JSON.parse(readFileSync(file, 'utf8')) as StateSchema;
    if (existing.operatorName !== mine.operatorName || existing.keySchema !== mine.keySchema || existing.valueSchema !== mine.valueSchema) {
      throw new SparkRuntimeException('STREAMING_ILLEGAL_STATE', {
        message:
          "Provided schema doesn't match to the schema for existing state! Please note that Spark allow difference of field name: check count of fields and data type of each field.\n" +
          `- Provided key schema: ${mine.keySchema}\n- Provided value schema: ${mine.valueSchema}\n- Existing key schema: ${existing.keySchema}\n- Existing value schema: ${existing.valueSchema}\n` +
          (existing.operatorName !== mine.operatorName ? `- Provided operator: ${mine.operatorName}, existing operator: ${existing.operatorName}\n` : '') +
          'If you want to force running query without schema validation, please set spark.sql.streaming.stateStore.stateSchemaCheck to false.\n' +
          'Please note running query with incompatible schema could cause indeterministic behavior.',
      });
    }
  }
}
