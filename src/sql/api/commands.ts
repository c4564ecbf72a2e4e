/**
 * SQL statements `spark.sql` runs at once (as Spark runs commands eagerly): temporary views,
 * SET, SHOW TABLES / FUNCTIONS / COLUMNS, DESCRIBE, CACHE / UNCACHE, EXPLAIN. The result is a
 * small DataFrame, empty for statements that return nothing.
 */
import { functionNames } from '../functions/registry.js';
import type { Command } from '../plan/relations.js';
import { BooleanType, StringType, StructField, StructType } from '../types/data-types.js';
import { explainString } from '../format/explain.js';
import type { DataFrame } from './dataframe.js';
import type { SparkSession } from './session.js';

const S = new StringType();

function frame(session: SparkSession, names: string[], rows: unknown[][], types?: StructType): DataFrame {
  return session.createDataFrame(rows, types ?? new StructType(names.map((n) => new StructField(n, S, true))));
}

/** Runs a command and returns its result. */
export function runCommand(session: SparkSession, cmd: Command): DataFrame {
  const empty = (): DataFrame => session.createDataFrame([], new StructType([]));
  switch (cmd.kind) {
    case 'createView': {
      session.analyze(cmd.plan);
      const name = cmd.name[cmd.name.length - 1]!;
      const global = cmd.global || (cmd.name.length === 2 && cmd.name[0]!.toLowerCase() === 'global_temp');
      if (cmd.ifNotExists && session.catalog.lookup(global ? ['global_temp', name] : [name]) !== undefined) return empty();
      const plan = cmd.columns ? { kind: 'toDF' as const, input: cmd.plan, names: cmd.columns } : cmd.plan;
      session.catalog.createTempView(name, plan, cmd.replace, global);
      return empty();
    }
    case 'dropView': {
      const name = cmd.name[cmd.name.length - 1]!;
      const ok = cmd.name.length === 2 ? session.catalog.dropGlobalTempView(name) : session.catalog.dropTempView(name);
      if (!ok && !cmd.ifExists) session.table(cmd.name.join('.'));
      return empty();
    }
    case 'showTables': {
      const tables = session.catalog.listTables(cmd.database);
      const re = cmd.pattern ? new RegExp(`^${cmd.pattern.replace(/\*/g, '.*')}$`, 'i') : undefined;
      const rows = tables.filter((t) => !re || re.test(t.name)).map((t) => [t.namespace.join('.'), t.name, t.isTemporary]);
      return frame(session, [], rows, new StructType([new StructField('namespace', S, false), new StructField('tableName', S, false), new StructField('isTemporary', new BooleanType(), false)]));
    }
    case 'showFunctions':
      return frame(session, ['function'], functionNames().filter((f) => !cmd.pattern || new RegExp(`^${cmd.pattern.replace(/\*/g, '.*')}$`, 'i').test(f)).map((f) => [f]));
    case 'showColumns':
      return frame(session, ['col_name'], session.table(cmd.table.join('.')).columns.map((c) => [c]));
    case 'setConf':
      if (cmd.key !== undefined && cmd.value !== undefined) {
        session.conf.set(cmd.key, cmd.value);
        return frame(session, ['key', 'value'], [[cmd.key, cmd.value]]);
      }
      if (cmd.key !== undefined) return frame(session, ['key', 'value'], [[cmd.key, session.conf.get(cmd.key, '<undefined>')]]);
      return frame(session, ['key', 'value'], Object.entries(session.conf.getAll()));
    case 'resetConf':
      if (cmd.key) session.conf.unset(cmd.key);
      return empty();
    case 'describe': {
      const df = cmd.query ? session.dataFrame(cmd.query) : session.table(cmd.table!.join('.'));
      return frame(session, ['col_name', 'data_type', 'comment'], df.schema.fields.map((f) => [f.name, f.dataType.simpleString(), null]));
    }
    case 'cacheTable':
      if (cmd.plan) session.catalog.createTempView(cmd.name[cmd.name.length - 1]!, cmd.plan, true, false);
      session.catalog.cacheTable(cmd.name.join('.'));
      return empty();
    case 'uncacheTable':
      if (!cmd.ifExists || session.catalog.tableExists(cmd.name.join('.'))) session.catalog.uncacheTable(cmd.name.join('.'));
      return empty();
    case 'clearCache':
      session.catalog.clearCache();
      return empty();
    case 'explain': {
      const text = explainString(cmd.plan, session.analyze(cmd.plan), cmd.mode);
      return frame(session, ['plan'], [[text]]);
    }
    case 'write': {
      const df = session.dataFrame(cmd.plan);
      const w = df.write.format(cmd.format).mode(cmd.mode).options(cmd.options);
      if (cmd.partitionBy.length > 0) w.partitionBy(...cmd.partitionBy);
      w.save(cmd.path);
      return empty();
    }
  }
}
