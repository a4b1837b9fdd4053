import { describe, expect, it } from 'vitest';
import { chunkIntervalHours, chunkIntervalSql, INDEX_BYTES_PER_ROW, rowsPerDay } from './chunk-interval.js';

const MB = 2 ** 20;
const GB = 2 ** 30;

describe('chunkIntervalHours', () => {
  it('fits the written chunks of the campus wide tables in shared_buffers (357 tables at 1 minute)', () => {
    // 357 × 1,440 rows × 23 B = 11,824,560 B (11.28 MiB) of index a day; 128 MiB holds 11.35 days of it
    const load = { tables: 357, rowsPerDayPerTable: 1_440, indexBytesPerRow: INDEX_BYTES_PER_ROW.wide };
    expect(chunkIntervalHours(load, 128 * MB)).toBe(11 * 24);
    // 1 GiB holds 90.8 days: capped at a month
    expect(chunkIntervalHours(load, GB)).toBe(30 * 24);
  });

  it('cuts the Haystack campus (9,566 points at 1 minute) into hours', () => {
    // 13,775,040 rows × 88 B = 1,212,203,520 B a day = 48.2 MiB an hour: 128 MiB holds 2.66 h, 4 GiB 85 h
    const load = { tables: 1, rowsPerDayPerTable: 9_566 * 1_440, indexBytesPerRow: INDEX_BYTES_PER_ROW.haystack };
    expect(chunkIntervalHours(load, 128 * MB)).toBe(2);
    expect(chunkIntervalHours(load, 4 * GB)).toBe(3 * 24);
  });

  it('rounds below a day down to a divisor of 24 and never goes under an hour', () => {
    const perHour = (mb: number) => ({ tables: 1, rowsPerDayPerTable: 24 * mb * MB, indexBytesPerRow: 1 });
    expect(chunkIntervalHours(perHour(10), 50 * MB)).toBe(4); // 5 h fits → 4
    expect(chunkIntervalHours(perHour(10), 79 * MB)).toBe(6); // 7.9 h → 6
    expect(chunkIntervalHours(perHour(10), 239 * MB)).toBe(12); // 23.9 h → 12
    expect(chunkIntervalHours(perHour(10), MB)).toBe(1);
  });

  it('gives the office tower (≈640 points at 15 minutes) weeks, and an empty site a month', () => {
    // 640 × 96 × 88 B = 5,406,720 B (5.16 MiB) a day: 128 MiB holds 24.8 days
    expect(chunkIntervalHours({ tables: 1, rowsPerDayPerTable: 640 * 96, indexBytesPerRow: 88 }, 128 * MB)).toBe(24 * 24);
    expect(chunkIntervalHours({ tables: 0, rowsPerDayPerTable: 96, indexBytesPerRow: 88 }, 128 * MB)).toBe(30 * 24);
  });
});

describe('rowsPerDay and chunkIntervalSql', () => {
  it('counts samples a day and spells intervals as PostgreSQL reads them', () => {
    expect(rowsPerDay(60_000)).toBe(1_440);
    expect(rowsPerDay(15 * 60_000)).toBe(96);
    expect(chunkIntervalSql(240)).toBe('10 days');
    expect(chunkIntervalSql(6)).toBe('6 hours');
  });
});
