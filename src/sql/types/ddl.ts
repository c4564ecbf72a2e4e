/**
 * Type names and schemas as text: `parseDataType("array<int>")`, `parseSchema("word STRING,
 * count BIGINT")` (also `word: string, count: bigint` and `struct<…>`, as pyspark's
 * `_parse_datatype_string` accepts), `toDDL(schema)`, and Spark's JSON schema (`fromJson`).
 * Type names are case-insensitive; errors are Spark's `PARSE_SYNTAX_ERROR` / `UNSUPPORTED_DATATYPE`.
 */
import { ParseException } from '../errors.js';
import {
  ArrayType,
  BinaryType,
  BooleanType,
  ByteType,
  CalendarIntervalType,
  type DataType,
  DateType,
  DecimalType,
  DoubleType,
  FloatType,
  IntegerType,
  LongType,
  MapType,
  NullType,
  ShortType,
  StringType,
  StructField,
  StructType,
  TimestampNTZType,
  TimestampType,
  quoteIfNeeded,
  setTypeParser,
} from './data-types.js';

const ATOMIC: Readonly<Record<string, () => DataType>> = {
  string: () => new StringType(),
  varchar: () => new StringType(),
  char: () => new StringType(),
  binary: () => new BinaryType(),
  boolean: () => new BooleanType(),
  bool: () => new BooleanType(),
  tinyint: () => new ByteType(),
  byte: () => new ByteType(),
  smallint: () => new ShortType(),
  short: () => new ShortType(),
  int: () => new IntegerType(),
  integer: () => new IntegerType(),
  bigint: () => new LongType(),
  long: () => new LongType(),
  float: () => new FloatType(),
  real: () => new FloatType(),
  double: () => new DoubleType(),
  date: () => new DateType(),
  timestamp: () => new TimestampType(),
  timestamp_ltz: () => new TimestampType(),
  timestamp_ntz: () => new TimestampNTZType(),
  void: () => new NullType(),
  interval: () => new CalendarIntervalType(),
};

/** A tiny tokenizer + recursive descent over type text; positions feed the error message. */
class TypeReader {
  pos = 0;
  constructor(readonly text: string) {}

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }
  peek(): string {
    this.skipSpace();
    return this.text[this.pos] ?? '';
  }
  atEnd(): boolean {
    return this.peek() === '';
  }
  eat(ch: string): boolean {
    if (this.peek() === ch) {
      this.pos++;
      return true;
    }
    return false;
  }
  expect(ch: string): void {
    if (!this.eat(ch)) this.fail();
  }
  /** An identifier, or a backquoted name (`` `a b` ``). */
  ident(): string {
    this.skipSpace();
    if (this.text[this.pos] === '`') {
      let out = '';
      this.pos++;
      for (;;) {
        const c = this.text[this.pos];
        if (c === undefined) this.fail();
        this.pos++;
        if (c === '`') {
          if (this.text[this.pos] === '`') {
            out += '`';
            this.pos++;
            continue;
          }
          return out;
        }
        out += c;
      }
    }
    const m = /^[A-Za-z_0-9]+/.exec(this.text.slice(this.pos));
    if (!m) this.fail();
    this.pos += m[0].length;
    return m[0];
  }
  int(): number {
    this.skipSpace();
    const m = /^\d+/.exec(this.text.slice(this.pos));
    if (!m) this.fail();
    this.pos += m[0].length;
    return Number(m[0]);
  }
  fail(): never {
    this.skipSpace();
    const rest = this.text.slice(this.pos);
    const tok = rest === '' ? "end of input" : `'${/^(`[^`]*`?|[A-Za-z_0-9]+|.)/.exec(rest)![0]}'`;
    throw new ParseException('PARSE_SYNTAX_ERROR', { error: tok, hint: '' }, { context: `(line 1, pos ${this.pos})\n\n== SQL ==\n${this.text}\n${'-'.repeat(this.pos)}^^^\n` });
  }

  dataType(): DataType {
    const start = this.pos;
    const name = this.ident().toLowerCase();
    switch (name) {
      case 'array': {
        this.expect('<');
        const el = this.dataType();
        this.expect('>');
        return new ArrayType(el, true);
      }
      case 'map': {
        this.expect('<');
        const k = this.dataType();
        this.expect(',');
        const v = this.dataType();
        this.expect('>');
        return new MapType(k, v, true);
      }
      case 'struct': {
        this.expect('<');
        const fields: StructField[] = [];
        if (!this.eat('>')) {
          do fields.push(this.field(true));
          while (this.eat(','));
          this.expect('>');
        }
        return new StructType(fields);
      }
      case 'decimal':
      case 'dec':
      case 'numeric': {
        if (!this.eat('(')) return new DecimalType(10, 0);
        const p = this.int();
        const s = this.eat(',') ? this.int() : 0;
        this.expect(')');
        return new DecimalType(p, s);
      }
      case 'varchar':
      case 'char':
        if (this.eat('(')) {
          this.int();
          this.expect(')');
        }
        return new StringType();
      default: {
        const make = ATOMIC[name];
        if (make) return make();
        throw new ParseException('UNSUPPORTED_DATATYPE', { typeName: `"${this.text.slice(start, this.pos).trim().toUpperCase()}"` });
      }
    }
  }

  /** `name type [NOT NULL] [COMMENT '…']`, or `name: type` (the colon is optional). */
  field(inStruct: boolean): StructField {
    const name = this.ident();
    this.eat(':');
    const dt = this.dataType();
    let nullable = true;
    let metadata: Record<string, unknown> = {};
    for (;;) {
      const save = this.pos;
      if (this.peek() === '' || this.peek() === ',' || (inStruct && this.peek() === '>')) break;
      const word = this.ident().toLowerCase();
      if (word === 'not') {
        if (this.ident().toLowerCase() !== 'null') this.fail();
        nullable = false;
      } else if (word === 'comment') {
        this.skipSpace();
        const m = /^'((?:[^'\\]|\\.)*)'/.exec(this.text.slice(this.pos));
        if (!m) this.fail();
        this.pos += m[0].length;
        metadata = { comment: m[1]! };
      } else {
        this.pos = save;
        this.fail();
      }
    }
    return new StructField(name, dt, nullable, metadata);
  }
}

/** Parses one type name: `int`, `array<string>`, `decimal(10,2)`, `struct<a:int>`. */
export function parseDataType(text: string): DataType {
  const r = new TypeReader(text);
  const t = r.dataType();
  if (!r.atEnd()) r.fail();
  return t;
}

/**
 * Parses a schema as pyspark's `createDataFrame(schema=…)` and `spark.read.schema(…)` accept
 * it: a field list (`"word STRING, count BIGINT"`, `"a: int, b: string"`), `struct<…>`, or a
 * single type name (which becomes a one-field struct named `value`, as pyspark does).
 */
export function parseSchema(text: string): StructType {
  const trimmed = text.trim();
  if (/^struct\s*</i.test(trimmed)) {
    const t = parseDataType(trimmed);
    return t as StructType;
  }
  const r = new TypeReader(trimmed);
  const fields: StructField[] = [];
  try {
    do fields.push(r.field(false));
    while (r.eat(','));
    if (!r.atEnd()) r.fail();
    return new StructType(fields);
  } catch (e) {
    // A bare type name ("int") is a schema of one field named "value".
    try {
      return new StructType([new StructField('value', parseDataType(trimmed), true)]);
    } catch {
      throw e;
    }
  }
}

/** Spark's `toDDL`: `word STRING,count BIGINT` (` NOT NULL` on non-nullable fields). */
export function toDDL(schema: StructType): string {
  return schema.fields
    .map((f) => {
      const comment = typeof f.metadata['comment'] === 'string' ? ` COMMENT '${f.metadata['comment']}'` : '';
      return `${quoteIfNeeded(f.name)} ${f.dataType.sql()}${f.nullable ? '' : ' NOT NULL'}${comment}`;
    })
    .join(',');
}

/** Reads Spark's JSON schema (`df.schema.json()`, checkpoints, Spark Connect) back into a type. */
export function fromJson(json: unknown): DataType {
  if (typeof json === 'string') {
    const dec = /^decimal\((\d+),\s*(\d+)\)$/.exec(json);
    if (dec) return new DecimalType(Number(dec[1]), Number(dec[2]));
    const named = json === 'integer' || json === 'long' || json === 'short' || json === 'byte' ? json : json;
    const make = ATOMIC[named];
    if (make) return make();
    throw new ParseException('UNSUPPORTED_DATATYPE', { typeName: `"${json.toUpperCase()}"` });
  }
  if (typeof json !== 'object' || json === null) throw new TypeError(`not a JSON data type: ${JSON.stringify(json)}`);
  const o = json as Record<string, unknown>;
  switch (o['type']) {
    case 'array':
      return new ArrayType(fromJson(o['elementType']), o['containsNull'] !== false);
    case 'map':
      return new MapType(fromJson(o['keyType']), fromJson(o['valueType']), o['valueContainsNull'] !== false);
    case 'struct':
      return new StructType(
        (Array.isArray(o['fields']) ? (o['fields'] as unknown[]) : []).map((f) => {
          const fo = f as Record<string, unknown>;
          return new StructField(String(fo['name']), fromJson(fo['type']), fo['nullable'] !== false, (fo['metadata'] as Record<string, unknown>) ?? {});
        }),
      );
    default:
      throw new TypeError(`not a JSON data type: ${JSON.stringify(json)}`);
  }
}

setTypeParser(parseDataType);
