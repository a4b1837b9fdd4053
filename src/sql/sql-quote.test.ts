import { describe, expect, it } from 'vitest';
import { quoteIdent, quoteLiteral } from './sql-quote.js';

describe('sql quoting', () => {
  it('double-quotes identifiers and doubles the quotes inside', () => {
    expect(quoteIdent('values_demo')).toBe('"values_demo"');
    expect(quoteIdent('a"b')).toBe('"a""b"');
    expect(quoteIdent('x"; DROP TABLE t; --')).toBe('"x""; DROP TABLE t; --"');
  });

  it('single-quotes literals, doubles the quotes inside and refuses NUL', () => {
    expect(quoteLiteral("it's")).toBe("'it''s'");
    expect(quoteLiteral('')).toBe("''");
    expect(() => quoteLiteral('a\0b')).toThrow(/NUL/);
  });
});
