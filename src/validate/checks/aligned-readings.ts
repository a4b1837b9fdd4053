import type { ValidationContext } from '../validation-context.js';

/** One point's part in a group: e.g. chiller #1's `cop`, or one of AHU-1's VAV airflows (`vavFlow`). */
export interface Member {
  readonly group: number;
  readonly role: string;
  readonly point: number;
}

/** Bool roles are ANDed; Number roles are summed over the group's members of that role. */
export type RoleKinds = Readonly<Record<string, 'Number' | 'Bool'>>;

const ROLE = /^[a-z][a-zA-Z0-9]*$/;

/**
 * SQL (a subquery) for the timestamps at which every member of a group has an
 * `ok` reading, one row per (grp, ts) with `t` (epoch ms) and one column per
 * role. Binds $3..$6; the caller's own parameters start at $7.
 * Set-based: one pass over the members' rows, grouped by (group, ts).
 */
export function alignedSql(ctx: ValidationContext, roles: RoleKinds): string {
  const v = ctx.values;
  const names = Object.keys(roles);
  for (const r of names) if (!ROLE.test(r)) throw new Error(`bad role name ${r}`);
  const cols = names.map((r) =>
    roles[r] === 'Bool'
      ? `bool_and(v.value_b) FILTER (WHERE m.role = '${r}') AS "${r}"`
      : `(sum(v.value_n) FILTER (WHERE m.role = '${r}'))::float8 AS "${r}"`,
  );
  const complete = names.map((r) => `count(*) FILTER (WHERE m.role = '${r}') = min(m.need) FILTER (WHERE m.role = '${r}')`);
  return `(SELECT m.grp, ${v.epochMs('v')} AS t, ${cols.join(', ')}
       FROM ${v.table} v
       JOIN unnest($3::int[], $4::text[], $5::int[], $6::int[]) AS m(grp, role, id, need) ON m.id = v.entity_id
      WHERE ${v.inRange('v')} AND v.entity_id = ANY($5::int[]) AND v.status = 'ok' AND (v.value_n IS NOT NULL OR v.value_b IS NOT NULL)
      GROUP BY m.grp, v.ts
     HAVING ${complete.join(' AND ')})`;
}

/** Parameters $1..$6 for alignedSql: the range, then the member table with each role's size per group. */
export function alignedParams(ctx: ValidationContext, members: readonly Member[]): unknown[] {
  const need = new Map<string, number>();
  for (const m of members) need.set(`${m.group}/${m.role}`, (need.get(`${m.group}/${m.role}`) ?? 0) + 1);
  return [
    ...ctx.values.rangeParams,
    members.map((m) => m.group),
    members.map((m) => m.role),
    members.map((m) => m.point),
    members.map((m) => need.get(`${m.group}/${m.role}`)!),
  ];
}

/** Share of `n` that `ok` is, 1 when there is nothing to judge. */
export const share = (ok: number, n: number) => (n > 0 ? ok / n : 1);

/** Relations between signals must hold in this share of aligned ok readings (noise and transitions aside). */
export const RELATION_SHARE = 0.99;

/** Converts a temperature in `unit` to °F in SQL: value × a + b. */
export function toFahrenheit(unit: unknown): [number, number] | undefined {
  if (unit === '°F') return [1, 0];
  if (unit === '°C') return [1.8, 32];
  if (unit === 'K') return [1.8, -459.67];
  return undefined;
}
