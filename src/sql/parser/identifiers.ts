/**
 * Identifiers: unquoted words (any keyword can be one in Spark's default, non-ANSI mode),
 * backquoted names, multi-part names (`global_temp.people`), and Spark's INVALID_IDENTIFIER for
 * an unquoted name with a dash (`test-table`).
 */
import type { Cursor } from './cursor.js';
import type { Token } from './lexer.js';

/** True when the token can be an identifier. */
export function isIdentifierToken(t: Token): boolean {
  return t.type === 'word' || t.type === 'ident';
}

/** The name a word or backquoted token stands for (words keep the user's spelling). */
export function identifierName(t: Token): string {
  return t.type === 'ident' ? t.value : t.text;
}

/** One identifier. */
export function identifier(c: Cursor): string {
  const t = c.peek();
  if (!isIdentifierToken(t)) c.fail();
  c.next();
  return identifierName(t);
}

/**
 * An identifier where a dash cannot follow (names of tables, views, aliases): `a-b` is Spark's
 * `[INVALID_IDENTIFIER]`, which tells the user to quote it.
 */
export function errorCapturingIdentifier(c: Cursor): string {
  const first = c.peek();
  const name = identifier(c);
  if (c.isOp('-') && isIdentifierToken(c.peek(1))) {
    const dash = c.peek();
    let text = first.text;
    while (c.isOp('-') && isIdentifierToken(c.peek(1))) {
      c.next();
      text += '-' + c.next().text;
    }
    c.failWith('INVALID_IDENTIFIER', { ident: text }, dash);
  }
  return name;
}

/** `a.b.c` as `["a", "b", "c"]`. */
export function multipartIdentifier(c: Cursor): string[] {
  const parts = [errorCapturingIdentifier(c)];
  while (c.isOp('.') && isIdentifierToken(c.peek(1))) {
    c.next();
    parts.push(errorCapturingIdentifier(c));
  }
  if (c.isOp('.')) {
    c.next();
    c.fail();
  }
  return parts;
}

/** `(a, b, c)`: a parenthesised list of names (column aliases, USING). */
export function identifierList(c: Cursor): string[] {
  c.expectOp('(', isIdentifierToken);
  const names = [errorCapturingIdentifier(c)];
  while (c.acceptOp(',')) names.push(errorCapturingIdentifier(c));
  c.expectOp(')');
  return names;
}
