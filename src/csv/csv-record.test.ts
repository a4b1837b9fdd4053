import { describe, expect, it } from 'vitest';
import { csvField, csvRecord } from './csv-record.js';

describe('csvField', () => {
  it('quotes only fields that need it and doubles the quotes inside', () => {
    expect(['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\r', ''].map(csvField)).toEqual([
      'plain',
      '"a,b"',
      '"say ""hi"""',
      '"two\nlines"',
      '"cr\r"',
      '',
    ]);
  });
});

describe('csvRecord', () => {
  it('joins the encoded cells with commas and ends the line with \\n', () => {
    expect(csvRecord(['a', 'b,c', ''], csvField)).toBe('a,"b,c",\n');
    expect(csvRecord([1, null, true], (cell) => (cell === null ? 'NULL' : String(cell)))).toBe('1,NULL,true\n');
  });

  it('writes a record of no cells as an empty line', () => {
    expect(csvRecord([], csvField)).toBe('\n');
  });
});
