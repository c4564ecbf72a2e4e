/**
 * The Structured Streaming contenders load the SQL API from the build (it is reached through
 * `src/sql/index.js`), and report "not yet measurable" with the reason when it does not load.
 */
import { emitReport } from '../lib/report.js';

/** The SQL API and its engine module, as the contenders use them. */
export interface SqlApi {
  readonly sql: typeof import('../../src/sql/index.js');
  readonly engine: typeof import('../../src/sql/engine.js');
}

/** Loads the SQL API, or prints an "unavailable" report for `name` and exits. */
export async function loadSql(name: string): Promise<SqlApi> {
  try {
    const sql = (await import(new URL('../../src/sql/index.js', import.meta.url).href)) as SqlApi['sql'];
    const engine = (await import(new URL('../../src/sql/engine.js', import.meta.url).href)) as SqlApi['engine'];
    return { sql, engine };
  } catch (e) {
    emitReport({ name, unavailable: `the SQL API does not load: ${e instanceof Error ? e.message : String(e)}` });
    process.exit(0);
  }
}
