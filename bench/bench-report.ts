// What every bench section shares: how a figure is reported and how rates are printed.

/** One line of the bench's table: what was measured, the figure, and its baseline or target. */
export type Report = (what: string, figure: string, note?: string) => void;

/** A rate or count as the table prints it: rounded, with thousands separators. */
export const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** The users' own PostgreSQL: about 276 GB for 563 M wide rows (industrial-campus.md). */
export const USERS_BYTES_PER_ROW = 490;
