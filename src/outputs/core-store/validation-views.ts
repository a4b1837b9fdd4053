import { ProfileError } from '../../errors.js';
import type { OrgTables } from './org-key.js';
import { quoteLiteral } from '../../sql/sql-quote.js';
import type { SqlClient } from './sql-client.js';
import type { ValuesLayout } from './values-tables.js';

/**
 * haysim's correct versions of the users' three validation queries
 * (office-tower.md). The users' own queries also run verbatim, through
 * core.entity.tags, but they:
 *  1. take hours 8..18 inclusive in the session's zone, every day, any status;
 *  2. list COP readings also while the chiller is off (COP is meaningless then);
 *  3. sum cumulative energy registers (a running total read every interval)
 *     and every `energy` point at once (sub-meters, chillers, main meter),
 *     which counts the same kWh many times over.
 * The views below select points by Haystack tags, work in the site's local
 * time, and use only readings with status `ok`. Holidays are not known to
 * the store, so "weekday" means Monday-Friday.
 */
export interface ViewContext {
  readonly orgId: number;
  /** IANA zone of the site (SiteModel.timeZone) */
  readonly timeZone: string;
  readonly layout: ValuesLayout;
}

/** IANA zone names only: they are inlined into view definitions as literals. */
export function checkTimeZone(zone: string): string {
  let valid = /^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone);
  if (valid) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
    } catch {
      valid = false;
    }
  }
  if (!valid)
    throw new ProfileError('PROFILE_INVALID', `site time zone ${JSON.stringify(zone)} is not an IANA zone such as America/New_York`);
  return zone;
}

export async function createValidationViews(tx: SqlClient, t: OrgTables, cx: ViewContext): Promise<void> {
  const zone = quoteLiteral(checkTimeZone(cx.timeZone));
  // instant of a reading: ts itself, or UTC wall time stored in a zone-less column
  const utc = (col: string) => (cx.layout.tsZoned ? col : `(${col} AT TIME ZONE 'UTC')`);
  const local = (col: string) => `(${utc(col)} AT TIME ZONE ${zone})`;
  const org = String(Math.trunc(cx.orgId));

  // 1. Average zone air temperature while the building is occupied: 08:00-18:00 local, Monday-Friday.
  await tx.exec(`CREATE OR REPLACE VIEW ${t.occupiedZoneTemp} AS
    SELECT avg(v.value_n) AS avg_temp, count(*) AS readings
      FROM ${t.values} v
      JOIN core.entity p ON p.id = v.entity_id
     WHERE p.org_id = ${org} AND p.disabled_ts IS NULL
       AND p.tags @> '{"point": true, "zone": true, "air": true, "temp": true, "sensor": true}'
       AND v.status = 'ok' AND v.value_n IS NOT NULL
       AND extract(isodow FROM ${local('v.ts')}) BETWEEN 1 AND 5
       AND ${local('v.ts')}::time >= TIME '08:00' AND ${local('v.ts')}::time < TIME '18:00'`);

  // 2. Chiller COP only at timestamps where the same chiller's run sensor reads true.
  await tx.exec(`CREATE OR REPLACE VIEW ${t.chillerCop} AS
    SELECT v.ts, ch.haystack_id AS chiller, v.value_n AS cop
      FROM core.entity ch
      JOIN core.entity p ON p.org_id = ch.org_id AND p.tags ->> 'equipRef' = '@' || ch.haystack_id
                        AND p.tags @> '{"point": true, "efficiency": true, "unit": "COP"}'
      JOIN core.entity r ON r.org_id = ch.org_id AND r.tags ->> 'equipRef' = '@' || ch.haystack_id
                        AND r.tags @> '{"point": true, "run": true, "sensor": true}'
      JOIN ${t.values} v ON v.entity_id = p.id
      JOIN ${t.values} rv ON rv.entity_id = r.id AND rv.ts = v.ts
     WHERE ch.org_id = ${org} AND ch.disabled_ts IS NULL
       AND ch.tags @> '{"chiller": true, "equip": true}'
       AND rv.value_b AND v.status = 'ok' AND v.value_n IS NOT NULL
     ORDER BY v.ts, chiller`);

  // 3. Daily consumption of the site's main electric meter register: the difference
  //    between consecutive ok readings of each cumulative register, credited to the
  //    local date the interval starts in; a drop (register reset) counts as nothing.
  await tx.exec(`CREATE OR REPLACE VIEW ${t.dailyEnergy} AS
    WITH readings AS (
      SELECT v.ts, v.value_n,
             lag(v.value_n) OVER w AS prev_value,
             lag(v.ts) OVER w AS prev_ts
        FROM ${t.values} v
        JOIN core.entity p ON p.id = v.entity_id
        JOIN core.entity m ON m.org_id = p.org_id AND p.tags ->> 'equipRef' = '@' || m.haystack_id
       WHERE p.org_id = ${org} AND p.disabled_ts IS NULL
         AND p.tags @> '{"point": true, "energy": true}' AND NOT (p.tags ? 'export')
         AND m.tags @> '{"siteMeter": true, "elec": true, "meter": true}'
         AND v.status = 'ok' AND v.value_n IS NOT NULL
      WINDOW w AS (PARTITION BY v.entity_id ORDER BY v.ts))
    SELECT ${local('prev_ts')}::date AS date, sum(value_n - prev_value) AS daily_kwh
      FROM readings
     WHERE prev_value IS NOT NULL AND value_n >= prev_value
     GROUP BY 1
     ORDER BY 1`);
}
