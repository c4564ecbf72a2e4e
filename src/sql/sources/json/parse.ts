/**
 * A JSON parser with the features Spark turns on in Jackson (`JSONOptions`): single-quoted
 * strings and `NaN` / `Infinity` by default; comments, unquoted field names, leading zeros,
 * backslash-escaping any character and raw control characters on request. It keeps what
 * `JSON.parse` loses and Spark needs: integer vs fraction literals and their exact text (big
 * integers, decimals), and every key of an object in order (duplicates included). Like
 * Jackson as Spark uses it, it reads the first value of a record and ignores what follows.
 */

/** A number literal: its text and whether it is an integer literal. */
export class JsonNumber {
  constructor(
    readonly text: string,
    readonly isInt: boolean,
  ) {}
}

/** An object: keys and values in document order. */
export class JsonObject {
  readonly keys: string[] = [];
  readonly values: JsonNode[] = [];
}

/** A parsed JSON value. */
export type JsonNode = null | boolean | string | JsonNumber | JsonNode[] | JsonObject;

/** Parser features (Spark's JSON options). */
export interface JsonFeatures {
  readonly allowComments: boolean;
  readonly allowUnquotedFieldNames: boolean;
  readonly allowSingleQuotes: boolean;
  readonly allowNumericLeadingZeros: boolean;
  readonly allowNonNumericNumbers: boolean;
  readonly allowBackslashEscapingAnyCharacter: boolean;
  readonly allowUnquotedControlChars: boolean;
}

/** Malformed JSON, with Jackson's wording and position. */
export class JsonParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonParseException';
  }
}

const EXPECTING = "was expecting (JSON String, Number (or 'NaN'/'INF'/'+INF'), Array, Object or token 'null', 'true' or 'false')";

/** A parser over one record's text. */
export class JsonParser {
  private text = '';
  private pos = 0;

  constructor(private readonly f: JsonFeatures) {}

  /** The first value of `text`, or undefined when the text holds only whitespace (and comments). */
  parse(text: string): JsonNode | undefined {
    this.text = text;
    this.pos = 0;
    this.skip();
    if (this.pos >= text.length) return undefined;
    return this.value();
  }

  private fail(msg: string): never {
    const before = this.text.slice(0, this.pos);
    const line = before.split('\n').length;
    const col = this.pos - before.lastIndexOf('\n');
    throw new JsonParseError(`${msg}\n at [Source: UNKNOWN; line: ${line}, column: ${col}]`);
  }

  private skip(): void {
    const t = this.text;
    for (;;) {
      let c = t.charCodeAt(this.pos);
      while (c === 32 || c === 10 || c === 13 || c === 9) c = t.charCodeAt(++this.pos);
      if (c === 47 /* / */ && this.f.allowComments) {
        const n = t.charCodeAt(this.pos + 1);
        if (n === 47) {
          const e = t.indexOf('\n', this.pos);
          this.pos = e < 0 ? t.length : e + 1;
          continue;
        }
        if (n === 42) {
          const e = t.indexOf('*/', this.pos + 2);
          if (e < 0) this.fail('Unexpected end-of-input in a comment');
          this.pos = e + 2;
          continue;
        }
      }
      return;
    }
  }

  private value(): JsonNode {
    const t = this.text;
    const c = t.charCodeAt(this.pos);
    if (c === 123) return this.object();
    if (c === 91) return this.array();
    if (c === 34 || (c === 39 && this.f.allowSingleQuotes)) return this.string(c);
    if (c === 45 || (c >= 48 && c <= 57)) return this.number();
    if (this.pos >= t.length) this.fail('Unexpected end-of-input: expected a value');
    const word = /^[A-Za-z+\-_$0-9]+/.exec(t.slice(this.pos, this.pos + 32))?.[0] ?? t[this.pos]!;
    if (word === 'true' || word === 'false' || word === 'null') {
      this.pos += word.length;
      return word === 'null' ? null : word === 'true';
    }
    if (this.f.allowNonNumericNumbers && /^(NaN|[+-]?Infinity|[+-]?INF)$/.test(word)) {
      this.pos += word.length;
      return new JsonNumber(word, false);
    }
    this.fail(`Unrecognized token '${word}': ${EXPECTING}`);
  }

  private object(): JsonObject {
    const t = this.text;
    const obj = new JsonObject();
    this.pos++;
    this.skip();
    if (t.charCodeAt(this.pos) === 125) {
      this.pos++;
      return obj;
    }
    for (;;) {
      this.skip();
      const c = t.charCodeAt(this.pos);
      let key: string;
      if (c === 34 || (c === 39 && this.f.allowSingleQuotes)) key = this.string(c);
      else if (this.f.allowUnquotedFieldNames && /[A-Za-z_$0-9]/.test(t[this.pos] ?? '')) {
        const m = /^[A-Za-z_$0-9]+/.exec(t.slice(this.pos, this.pos + 256))![0];
        key = m;
        this.pos += m.length;
      } else if (this.pos >= t.length) this.fail('Unexpected end-of-input: was expecting double-quote to start field name');
      else this.fail(`Unexpected character ('${t[this.pos]}' (code ${c})): was expecting double-quote to start field name`);
      this.skip();
      if (t.charCodeAt(this.pos) !== 58) this.unexpected("was expecting a colon to separate field name and value");
      this.pos++;
      this.skip();
      obj.keys.push(key);
      obj.values.push(this.value());
      this.skip();
      const d = t.charCodeAt(this.pos);
      if (d === 44) {
        this.pos++;
        continue;
      }
      if (d === 125) {
        this.pos++;
        return obj;
      }
      this.unexpected('was expecting comma to separate Object entries');
    }
  }

  private array(): JsonNode[] {
    const t = this.text;
    const arr: JsonNode[] = [];
    this.pos++;
    this.skip();
    if (t.charCodeAt(this.pos) === 93) {
      this.pos++;
      return arr;
    }
    for (;;) {
      this.skip();
      arr.push(this.value());
      this.skip();
      const d = t.charCodeAt(this.pos);
      if (d === 44) {
        this.pos++;
        continue;
      }
      if (d === 93) {
        this.pos++;
        return arr;
      }
      this.unexpected('was expecting comma to separate Array entries');
    }
  }

  private unexpected(what: string): never {
    if (this.pos >= this.text.length) this.fail(`Unexpected end-of-input: ${what}`);
    this.fail(`Unexpected character ('${this.text[this.pos]}' (code ${this.text.charCodeAt(this.pos)})): ${what}`);
  }

  private string(q: number): string {
    const t = this.text;
    const start = this.pos + 1;
    const end = t.indexOf(q === 34 ? '"' : "'", start);
    if (end >= 0) {
      // Fast path: no escapes and no control characters.
      const s = t.slice(start, end);
      if (!s.includes('\\') && !/[\x00-\x1f]/.test(s)) {
        this.pos = end + 1;
        return s;
      }
    }
    let out = '';
    let i = start;
    for (;;) {
      if (i >= t.length) {
        this.pos = i;
        this.fail('Unexpected end-of-input: was expecting closing quote for a string value');
      }
      const c = t.charCodeAt(i);
      if (c === q) {
        this.pos = i + 1;
        return out;
      }
      if (c === 92) {
        const e = t[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', "'": "'" };
        if (e === 'u') {
          const hex = t.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
            this.pos = i + 2;
            this.fail(`Unexpected character in a \\u escape: expected a hex-digit for character escape sequence`);
          }
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
          continue;
        }
        if (e !== undefined && e in simple && (e !== "'" || this.f.allowBackslashEscapingAnyCharacter || q === 39)) {
          out += simple[e];
          i += 2;
          continue;
        }
        if (e !== undefined && this.f.allowBackslashEscapingAnyCharacter) {
          out += e;
          i += 2;
          continue;
        }
        this.pos = i + 1;
        this.fail(`Unrecognized character escape '${e ?? ''}' (code ${e === undefined ? -1 : e.charCodeAt(0)})`);
      }
      if (c < 32 && !this.f.allowUnquotedControlChars) {
        this.pos = i;
        this.fail(`Illegal unquoted character ((CTRL-CHAR, code ${c})): has to be escaped using backslash to be included in string value`);
      }
      out += t[i];
      i++;
    }
  }

  private number(): JsonNumber | JsonNumber {
    const t = this.text;
    const m = /^-?(\d+)(\.\d+)?([eE][+-]?\d+)?/.exec(t.slice(this.pos, this.pos + 400));
    if (!m) {
      const rest = t.slice(this.pos, this.pos + 16);
      if (this.f.allowNonNumericNumbers && /^-(Infinity|INF)/.test(rest)) {
        const w = rest.startsWith('-Infinity') ? '-Infinity' : '-INF';
        this.pos += w.length;
        return new JsonNumber(w, false);
      }
      this.fail(`Unexpected character ('${t[this.pos + 1] ?? ''}'): expected digit (0-9) to follow minus sign, for valid numeric value`);
    }
    const digits = m[1]!;
    if (digits.length > 1 && digits[0] === '0' && !this.f.allowNumericLeadingZeros) this.fail('Invalid numeric value: Leading zeroes not allowed');
    this.pos += m[0].length;
    let text = m[0];
    if (digits.length > 1 && digits[0] === '0') text = text.replace(/^(-?)0+(?=\d)/, '$1');
    return new JsonNumber(text, m[2] === undefined && m[3] === undefined);
  }
}

/** JSON text of a string as Jackson writes it (control characters escaped, nothing else). */
export function jsonString(s: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/["\\\x00-\x1f]/.test(s)) return `"${s}"`;
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34) out += '\\"';
    else if (c === 92) out += '\\\\';
    else if (c < 32) {
      const short: Record<number, string> = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' };
      out += short[c] ?? `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
    } else out += s[i];
  }
  return out + '"';
}

/** Compact JSON text of a parsed value (what Spark puts in a string column for a non-string value). */
export function nodeText(n: JsonNode): string {
  if (n === null) return 'null';
  if (typeof n === 'boolean') return String(n);
  if (typeof n === 'string') return jsonString(n);
  if (n instanceof JsonNumber) return n.text;
  if (Array.isArray(n)) return `[${n.map(nodeText).join(',')}]`;
  return `{${n.keys.map((k, i) => `${jsonString(k)}:${nodeText(n.values[i]!)}`).join(',')}}`;
}
