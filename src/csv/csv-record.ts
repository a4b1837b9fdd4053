// The CSV text every haysim file shares (simulation files, business tables, BME280 backfill):
// RFC 4180 quoting, comma-separated, `\n` line ends. What a cell's text is (NULL, numbers,
// booleans) stays with each caller; how the texts become a line is written only here.

/** Quotes a field (RFC 4180) only when it needs it: a comma, a double quote, CR or LF; inner quotes are doubled. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record: every cell as `encode` writes it, comma-separated, ending in `\n`. */
export function csvRecord<T>(cells: readonly T[], encode: (cell: T) => string): string {
  if (cells.length === 0) return '\n';
  let line = encode(cells[0]!);
  for (let i = 1; i < cells.length; i++) line += `,${encode(cells[i]!)}`;
  return `${line}\n`;
}
