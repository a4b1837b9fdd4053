import { describe, expect, it } from 'vitest';
import { ArgsError } from '../errors.js';
import { dateTimeFlag, intervalFlag, parseWhole, rangeFlags } from './flag-values.js';

const NY = 'America/New_York';

describe('flag values', () => {
  it('parses intervals and names the flag or profile field when one is wrong', () => {
    expect(intervalFlag('15m')).toBe(900_000);
    expect(() => intervalFlag('15 minutes')).toThrow(/^--interval "15 minutes": expected a positive whole number followed by s, m, h or d/);
    expect(() => intervalFlag('0m', 'simulation.interval')).toThrow(/^simulation\.interval "0m": /);
  });

  it('parses dates in the site time zone and names the flag when one is wrong', () => {
    expect(dateTimeFlag('2026-01-15', NY, '--start')).toBe(Date.UTC(2026, 0, 15, 5));
    expect(() => dateTimeFlag('2026-02-30', NY, '--end')).toThrow(ArgsError);
    expect(() => dateTimeFlag('2026-02-30', NY, '--end')).toThrow(/^--end "2026-02-30": day 30 does not exist in 2026-02; expected a date/);
  });

  it('refuses a range that ends before it starts', () => {
    expect(rangeFlags('2026-01-01', '2026-01-02', 'UTC')).toEqual({ start: Date.UTC(2026, 0, 1), end: Date.UTC(2026, 0, 2) });
    expect(() => rangeFlags('2026-01-02', '2026-01-02', 'UTC')).toThrow(/--start \(2026-01-02T00:00:00.000Z\) must be before --end/);
  });

  it('parses whole numbers within bounds', () => {
    expect(parseWhole('7', '--seed', 0, 10)).toBe(7);
    expect(() => parseWhole('-3', '--days', 1, 10)).toThrow(/^--days expects a whole number, got "-3"/);
    expect(() => parseWhole('11', '--days', 1, 10)).toThrow(/^--days must be between 1 and 10, got 11/);
  });
});
