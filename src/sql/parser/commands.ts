/**
 * Statements other than queries, as the tutorials use them: CREATE [OR REPLACE] [GLOBAL]
 * TEMP[ORARY] VIEW, DROP VIEW / TABLE, SET / RESET, SHOW TABLES / FUNCTIONS / COLUMNS,
 * DESCRIBE, CACHE / UNCACHE TABLE, CLEAR CACHE, EXPLAIN. Statements Spark has and tspark does
 * not (INSERT, CREATE TABLE, ALTER …) fail with NOT_IMPLEMENTED instead of a syntax error.
 */
import type { Command, ExplainMode, LogicalPlan } from '../plan/index.js';
import type { Cursor } from './cursor.js';
import { identifier, isIdentifierToken, multipartIdentifier } from './identifiers.js';
import type { Token } from './lexer.js';
import { atQueryStart, query } from './queries.js';

const command = (cmd: Command): LogicalPlan => ({ kind: 'command', command: cmd });

/** Statements Spark knows that tspark does not run. */
const NOT_IMPLEMENTED_STATEMENTS = new Set([
  'INSERT',
  'ALTER',
  'ANALYZE',
  'USE',
  'REFRESH',
  'TRUNCATE',
  'MERGE',
  'UPDATE',
  'DELETE',
  'LOAD',
  'ADD',
  'LIST',
  'MSCK',
  'REPAIR',
  'COMMENT',
  'DECLARE',
  'EXECUTE',
  'GRANT',
  'REVOKE',
  'LOCK',
  'UNLOCK',
  'EXPORT',
  'IMPORT',
  'COMMIT',
  'ROLLBACK',
  'DFS',
]);

/** One statement: a query or a command. */
export function statement(c: Cursor): LogicalPlan {
  if (atQueryStart(c)) return query(c);
  const t = c.peek();
  if (t.type !== 'word') return c.fail();
  switch (t.value) {
    case 'CREATE':
      return create(c);
    case 'DROP':
      return drop(c);
    case 'SET':
      return set(c);
    case 'RESET':
      c.next();
      return command({ kind: 'resetConf', ...keyOf(remainder(c)) });
    case 'SHOW':
      return show(c);
    case 'DESC':
    case 'DESCRIBE':
      return describe(c);
    case 'CACHE':
      return cache(c);
    case 'UNCACHE': {
      c.next();
      c.expectWord('TABLE');
      const ifExists = acceptWords(c, 'IF', 'EXISTS');
      return command({ kind: 'uncacheTable', name: multipartIdentifier(c), ifExists });
    }
    case 'CLEAR':
      c.next();
      c.expectWord('CACHE');
      return command({ kind: 'clearCache' });
    case 'EXPLAIN':
      return explain(c);
    default:
      if (NOT_IMPLEMENTED_STATEMENTS.has(t.value)) notImplemented(c, `The ${t.value} statement`, t);
      return c.fail();
  }
}

function notImplemented(c: Cursor, feature: string, at: Token = c.peek()): never {
  return c.failWith('NOT_IMPLEMENTED', { feature }, at);
}

function acceptWords(c: Cursor, ...words: string[]): boolean {
  if (!words.every((w, i) => c.isWord(w, i))) return false;
  c.pos += words.length;
  return true;
}

/** `CREATE [OR REPLACE] [GLOBAL] TEMP[ORARY] VIEW [IF NOT EXISTS] name [(cols)] [COMMENT '…'] AS query`. */
function create(c: Cursor): LogicalPlan {
  const start = c.next();
  const replace = acceptWords(c, 'OR', 'REPLACE');
  const global = c.acceptWord('GLOBAL');
  const temporary = c.acceptWord('TEMPORARY') || c.acceptWord('TEMP');
  if (global && !temporary) c.fail();
  if (!c.isWord('VIEW')) {
    if (temporary || global) c.fail();
    return notImplemented(c, `CREATE ${c.peek().type === 'word' ? c.peek().value : ''}`.trim(), start);
  }
  c.next();
  const ifNotExists = acceptWords(c, 'IF', 'NOT', 'EXISTS');
  const name = multipartIdentifier(c);
  let columns: string[] | undefined;
  if (c.acceptOp('(')) {
    columns = [];
    do {
      columns.push(identifier(c));
      if (c.acceptWord('COMMENT')) stringValue(c);
    } while (c.acceptOp(','));
    c.expectOp(')');
  }
  for (;;) {
    if (c.acceptWord('COMMENT')) stringValue(c);
    else if (c.isWord('TBLPROPERTIES')) skipParenthesized(c);
    else break;
  }
  c.expectWord('AS');
  const queryStart = c.pos;
  const plan = query(c);
  const sqlText = c.textFrom(queryStart);
  if (ifNotExists && replace) c.failWith('_LEGACY_ERROR_TEMP_0052', {}, start);
  if (temporary && ifNotExists) c.failWith('_LEGACY_ERROR_TEMP_0053', {}, start);
  if (!temporary) notImplemented(c, 'CREATE VIEW without TEMPORARY (permanent views; use CREATE TEMPORARY VIEW)', start);
  return command({ kind: 'createView', name, plan, replace, global, ifNotExists, ...(columns ? { columns } : {}), sqlText });
}

function stringValue(c: Cursor): string {
  const t = c.peek();
  if (t.type !== 'string') c.fail();
  c.next();
  return t.value;
}

function skipParenthesized(c: Cursor): void {
  c.next();
  c.expectOp('(');
  let depth = 1;
  while (depth > 0) {
    const t = c.next();
    if (t.type === 'eof') c.fail(t);
    if (t.type === 'op' && t.value === '(') depth++;
    if (t.type === 'op' && t.value === ')') depth--;
  }
}

/** `DROP VIEW [IF EXISTS] name`; `DROP TABLE` drops a temporary view too, as in Spark. */
function drop(c: Cursor): LogicalPlan {
  const start = c.next();
  if (!c.isWord('VIEW') && !c.isWord('TABLE')) return notImplemented(c, `DROP ${c.peek().type === 'word' ? c.peek().value : ''}`.trim(), start);
  c.next();
  const ifExists = acceptWords(c, 'IF', 'EXISTS');
  const name = multipartIdentifier(c);
  c.acceptWord('PURGE');
  return command({ kind: 'dropView', name, ifExists });
}

/** The statement text after the current token up to the end, trimmed (SET and RESET read raw text, as Spark does). */
function remainder(c: Cursor): string {
  const from = c.previous()!;
  const text = c.sql.slice(from.start + from.text.length).trim();
  c.pos = c.tokens.length - 1;
  return text;
}

function keyOf(text: string): { key?: string } {
  const t = text.replace(/;+$/, '').trim();
  if (t === '') return {};
  const quoted = /^`((?:[^`]|``)*)`$/.exec(t);
  return { key: quoted ? quoted[1]!.replace(/``/g, '`') : t };
}

const CONF_KEY_VALUE = /^([a-zA-Z_\d\\.:]+)\s*=([^;]*);*$/;
const CONF_KEY = /^([a-zA-Z_\d\\.:]+)$/;
const QUOTED = '`((?:[^`]|``)*)`';

/** `SET`, `SET -v`, `SET key`, `SET key=value`, `` SET `key` = `value` ``, `SET TIME ZONE 'UTC'`. */
function set(c: Cursor): LogicalPlan {
  const setToken = c.next();
  if (c.isWord('TIME') && c.isWord('ZONE', 1)) {
    c.pos += 2;
    const t = c.peek();
    let value: string;
    if (t.type === 'string') value = stringValue(c);
    else if (c.acceptWord('LOCAL')) value = Intl.DateTimeFormat().resolvedOptions().timeZone;
    else return notImplemented(c, 'SET TIME ZONE with an interval (use a zone name such as \'UTC\' or \'+02:00\')');
    return command({ kind: 'setConf', key: 'spark.sql.session.timeZone', value });
  }
  const text = remainder(c);
  const unquote = (s: string): string => s.replace(/``/g, '`');
  const quotedBoth = new RegExp(`^${QUOTED}\\s*=\\s*${QUOTED};*$`).exec(text);
  if (quotedBoth) return command({ kind: 'setConf', key: unquote(quotedBoth[1]!), value: unquote(quotedBoth[2]!) });
  const quotedKey = new RegExp(`^${QUOTED}\\s*(?:=([^;]*))?;*$`).exec(text);
  if (quotedKey) return command({ kind: 'setConf', key: unquote(quotedKey[1]!), ...(quotedKey[2] !== undefined ? { value: quotedKey[2].trim() } : {}) });
  const quotedValue = new RegExp(`^([^=]*?)\\s*=\\s*${QUOTED};*$`).exec(text);
  if (quotedValue && quotedValue[1] !== '') return command({ kind: 'setConf', key: quotedValue[1]!, value: unquote(quotedValue[2]!) });
  const kv = CONF_KEY_VALUE.exec(text);
  if (kv) return command({ kind: 'setConf', key: kv[1]!, value: kv[2]!.trim() });
  const stripped = text.replace(/;+$/, '').trim();
  const k = CONF_KEY.exec(stripped);
  if (k) return command({ kind: 'setConf', key: k[1]! });
  if (stripped === '-v') return command({ kind: 'setConf', key: '-v' });
  if (stripped === '') return command({ kind: 'setConf' });
  return c.failWith('INVALID_SET_SYNTAX', {}, setToken);
}

/** SHOW TABLES / FUNCTIONS / COLUMNS. */
function show(c: Cursor): LogicalPlan {
  const start = c.next();
  const what = c.peek();
  if (c.acceptWord('TABLES')) {
    let database: string | undefined;
    if (c.acceptWord('FROM') || c.acceptWord('IN')) database = multipartIdentifier(c).join('.');
    c.acceptWord('LIKE');
    const pattern = c.peek().type === 'string' ? stringValue(c) : undefined;
    return command({ kind: 'showTables', ...(database !== undefined ? { database } : {}), ...(pattern !== undefined ? { pattern } : {}) });
  }
  if (c.acceptWord('FUNCTIONS')) {
    let pattern: string | undefined;
    if (c.acceptWord('LIKE') || c.peek().type === 'string') pattern = c.peek().type === 'string' ? stringValue(c) : multipartIdentifier(c).join('.');
    else if (isIdentifierToken(c.peek())) pattern = multipartIdentifier(c).join('.');
    return command({ kind: 'showFunctions', ...(pattern !== undefined ? { pattern } : {}) });
  }
  if (c.acceptWord('COLUMNS')) {
    if (!c.acceptWord('FROM')) c.expectWord('IN');
    let table = multipartIdentifier(c);
    if (c.acceptWord('FROM') || c.acceptWord('IN')) table = [...multipartIdentifier(c), ...table];
    return command({ kind: 'showColumns', table });
  }
  if (what.type === 'word') return notImplemented(c, `SHOW ${what.value}`, start);
  return c.fail();
}

/** `DESCRIBE [TABLE] [EXTENDED | FORMATTED] name` and `DESCRIBE [QUERY] query`. */
function describe(c: Cursor): LogicalPlan {
  const start = c.next();
  const t = c.peek();
  if (t.type === 'word' && ['FUNCTION', 'DATABASE', 'SCHEMA', 'NAMESPACE', 'CATALOG'].includes(t.value) && isIdentifierToken(c.peek(1))) {
    return notImplemented(c, `DESCRIBE ${t.value}`, start);
  }
  const tableNamed = c.isWord('TABLE') && isIdentifierToken(c.peek(1));
  if (c.acceptWord('QUERY') || (!tableNamed && atQueryStart(c))) {
    return command({ kind: 'describe', query: query(c), extended: false });
  }
  c.acceptWord('TABLE');
  let extended = false;
  if ((c.isWord('EXTENDED') || c.isWord('FORMATTED')) && isIdentifierToken(c.peek(1))) {
    c.next();
    extended = true;
  }
  const table = multipartIdentifier(c);
  if (isIdentifierToken(c.peek())) notImplemented(c, 'DESCRIBE of one column');
  return command({ kind: 'describe', table, extended });
}

/** `CACHE [LAZY] TABLE name [OPTIONS (…)] [[AS] query]`. */
function cache(c: Cursor): LogicalPlan {
  c.next();
  const lazy = c.acceptWord('LAZY');
  c.expectWord('TABLE');
  const name = multipartIdentifier(c);
  if (c.isWord('OPTIONS')) skipParenthesized(c);
  const hasAs = c.acceptWord('AS');
  if (hasAs || atQueryStart(c)) return command({ kind: 'cacheTable', name, plan: query(c), lazy });
  return command({ kind: 'cacheTable', name, lazy });
}

const EXPLAIN_MODES: Readonly<Record<string, ExplainMode>> = { EXTENDED: 'extended', CODEGEN: 'codegen', COST: 'cost', FORMATTED: 'formatted' };

/** `EXPLAIN [EXTENDED | CODEGEN | COST | FORMATTED] statement`. */
function explain(c: Cursor): LogicalPlan {
  c.next();
  let mode: ExplainMode = 'simple';
  const t = c.peek();
  if (t.type === 'word' && EXPLAIN_MODES[t.value] !== undefined) {
    mode = EXPLAIN_MODES[t.value]!;
    c.next();
  } else if (t.type === 'word' && t.value === 'LOGICAL') notImplemented(c, 'EXPLAIN LOGICAL');
  return command({ kind: 'explain', plan: statement(c), mode });
}
