/**
 * The tokenizer: token kinds and positions (line, column), comments (nested block comments,
 * line comments, hints), strings, backquoted names, numbers with suffixes, and the characters
 * that cannot start a token.
 */
import { describe, expect, it } from 'vitest';
import { SparkError } from '../../../src/sql/errors.js';
import { tokenize } from '../../../src/sql/parser/lexer.js';

const kinds = (sql: string): string[] => tokenize(sql).map((t) => `${t.type}:${t.type === 'eof' ? '' : t.value}`);

describe('tokenize', () => {
  it('splits words, operators, numbers and strings, upper-casing words for keyword tests', () => {
    expect(kinds("select a<=>b, 'x' FROM t")).toEqual(['word:SELECT', 'word:A', 'op:<=>', 'word:B', 'op:,', 'string:x', 'word:FROM', 'word:T', 'eof:']);
  });

  it('keeps the line and the column of each token, counting lines inside comments and strings', () => {
    const tokens = tokenize("SELECT a,\n  /* two\nlines */ 'x\ny' z\n");
    expect(tokens.map((t) => [t.text, t.line, t.col])).toEqual([
      ['SELECT', 1, 0],
      ['a', 1, 7],
      [',', 1, 8],
      ["'x\ny'", 3, 9],
      ['z', 4, 3],
      ['', 5, 0],
    ]);
  });

  it('skips line comments and nested block comments', () => {
    expect(kinds('a -- b\nc /* d /* e */ f */ g')).toEqual(['word:A', 'word:C', 'word:G', 'eof:']);
  });

  it('turns /*+ … */ into hint markers', () => {
    expect(kinds('SELECT /*+ BROADCAST(t) */ 1')).toEqual(['word:SELECT', 'hintStart:/*+', 'word:BROADCAST', 'op:(', 'word:T', 'op:)', 'hintEnd:*/', 'number:1', 'eof:']);
  });

  it('reads numbers with their suffixes, and digits running into letters as a name', () => {
    expect(kinds('1 1L 2s 3Y 1.5 .5 5. 1e10 1.5E-3 1.5D 2f 1.5BD 1abc a1')).toEqual([
      'number:1',
      'number:1L',
      'number:2S',
      'number:3Y',
      'number:1.5',
      'number:.5',
      'number:5.',
      'number:1E10',
      'number:1.5E-3',
      'number:1.5D',
      'number:2F',
      'number:1.5BD',
      'word:1ABC',
      'word:A1',
      'eof:',
    ]);
  });

  it('decodes backquoted names with doubled backquotes', () => {
    const [t] = tokenize('`a``b c`');
    expect(t).toMatchObject({ type: 'ident', value: 'a`b c' });
  });

  it('makes an unclosed quote or an unknown character an error token, as Spark lexes them', () => {
    expect(kinds("'abc")).toEqual(["error:'", 'word:ABC', 'eof:']);
    expect(kinds('`abc')).toEqual(['error:`', 'word:ABC', 'eof:']);
    expect(kinds('日 $')).toEqual(['error:日', 'error:$', 'eof:']);
  });

  it('fails on an unclosed block comment with UNCLOSED_BRACKETED_COMMENT', () => {
    expect(() => tokenize('SELECT /* x')).toThrow(SparkError);
    try {
      tokenize('SELECT /* x');
    } catch (e) {
      expect((e as SparkError).errorClass).toBe('UNCLOSED_BRACKETED_COMMENT');
      expect((e as SparkError).code).toBe('ERR_SQL_PARSE');
    }
  });
});
