import type { Cell } from '../query/query-types.js';

/** Numbers to 2 decimals (−0 as 0), booleans as on/off, text as it is, a missing reading as `n/a`. */
export function value(v: Cell | undefined): string {
  if (v === null || v === undefined) return 'n/a';
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  if (typeof v === 'string') return v;
  const s = v.toFixed(2);
  return s === '-0.00' ? '0.00' : s;
}

/** A value with its unit (`12.50 kW`, `45.00 %`); no unit, no suffix. */
export function withUnit(v: Cell | undefined, unit: string | null): string {
  return unit && typeof v === 'number' ? `${value(v)} ${unit}` : value(v);
}

/** An instant in UTC to the minute (`2025-07-14T03:00Z`), seconds only when not zero, milliseconds never. */
export function time(iso: string | number): string {
  const s = new Date(iso).toISOString().slice(0, 19);
  return s.endsWith(':00') ? `${s.slice(0, 16)}Z` : `${s}Z`;
}

/** `1 reading`, `3 readings` */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
