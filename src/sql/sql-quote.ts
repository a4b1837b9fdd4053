// Quoting for the few places SQL text cannot take bind parameters (identifiers, DDL, COMMENT ON).
// Every caller validates its names as well; quoting is the defence in depth.

/** Double-quotes an identifier, doubling any `"` inside it. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Single-quotes a string literal, doubling any `'` inside it; NUL cannot be sent to PostgreSQL at all. */
export function quoteLiteral(text: string): string {
  if (text.includes('\0')) throw new Error('NUL in SQL literal');
  return `'${text.replace(/'/g, "''")}'`;
}
