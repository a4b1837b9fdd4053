import { HaysimError } from '../errors.js';
import type { PointKind } from '../model/point.js';
import { findOrg, type SqlReader } from '../outputs/core-store/find-org.js';
import { READER_ROLE } from '../outputs/core-store/migrations.js';
import { orgTables, type OrgTables, validateOrgKey } from '../outputs/core-store/org-key.js';
import { findHourlyRollup, type HourlyRollup } from './hourly-rollup.js';
import { equipType } from '../outputs/wide/wide-metadata.js';
import { planWideTables } from '../outputs/wide/wide-names.js';
import { orgWideTables, qualified } from '../outputs/wide/wide-tables.js';
import { ianaTimeZone } from '../time/haystack-time-zone.js';
import type { ColumnInfo, ColumnKind, EquipmentInfo, QueryLayout } from './query-types.js';

/** A column with what the SQL needs: its point's entity id (haystack layout). */
export interface CatalogColumn extends ColumnInfo {
  readonly entityId: number;
}

export interface CatalogEquipment extends EquipmentInfo {
  readonly columns: readonly CatalogColumn[];
  readonly byName: ReadonlyMap<string, CatalogColumn>;
  /** quoted, qualified wide table (wide layout) */
  readonly table: string | undefined;
}

/**
 * What the store holds for one org, read once: its layout, its equipment and their columns named as the
 * wide layout names them (planWideTables over the points read back from core.entity, in both layouts, so
 * the same site gives the same names whichever layout holds it). Every equipment and column a query names
 * is looked up here before any SQL is built, so only names from the catalog ever reach SQL text.
 */
export interface Catalog {
  readonly org: string;
  readonly orgId: number;
  readonly tables: OrgTables;
  readonly layout: QueryLayout;
  /** the site's IANA zone: times without an offset are local there */
  readonly timeZone: string;
  /** TimescaleDB is installed in the database: time_bucket instead of date_bin */
  readonly timescale: boolean;
  /** haysim's hourly continuous aggregate of the values table, when the store has one it may read (haystack layout) */
  readonly hourly: HourlyRollup | undefined;
  /** the session may take the read-only role (READER_ROLE) the migrations created */
  readonly reader: boolean;
  /** quoted, qualified alerts table, undefined when the store has none */
  readonly alerts: string | undefined;
  readonly equipment: readonly CatalogEquipment[];
  /** by id and by Haystack id */
  readonly byId: ReadonlyMap<string, CatalogEquipment>;
}

const KINDS: Readonly<Record<PointKind, ColumnKind>> = { Number: 'number', Bool: 'bool', Str: 'text' };

export async function loadCatalog(store: SqlReader, org: string): Promise<Catalog> {
  const tables = orgTables(validateOrgKey(org));
  const orgId = await findOrg(store, org);
  const wide = await orgWideTables(store, tables);
  const owners = await store.query<{ id: number; hid: string; dis: string | null; markers: string[]; tz: string | null }>(
    `SELECT id, haystack_id AS hid, tags->>'dis' AS dis, tags->>'tz' AS tz,
            array(SELECT k FROM jsonb_each(tags) t(k, v) WHERE v = 'true'::jsonb ORDER BY k) AS markers
       FROM core.entity WHERE org_id = $1 AND disabled_ts IS NULL AND (tags ? 'equip' OR tags ? 'weatherStation' OR tags ? 'site')
      ORDER BY id`,
    [orgId],
  );
  const points = await store.query<{
    id: number;
    hid: string;
    owner: string | null;
    key: string | null;
    unit: string | null;
    kind: string | null;
    dis: string | null;
  }>(
    `SELECT id, haystack_id AS hid, substr(coalesce(tags->>'equipRef', tags->>'weatherStationRef'), 2) AS owner,
            tags->>'navName' AS key, tags->>'unit' AS unit, tags->>'kind' AS kind, tags->>'dis' AS dis
       FROM core.entity WHERE org_id = $1 AND disabled_ts IS NULL AND tags ? 'point' AND tags ? 'his'
      ORDER BY id`,
    [orgId],
  );
  const [ext] = await store.query<{ timescale: boolean; values: boolean; alerts: boolean; reader: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') AS timescale,
            EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = $3 AND pg_has_role(current_user, r.oid, 'MEMBER')) AS reader,
            to_regclass($1) IS NOT NULL AS values, to_regclass($2) IS NOT NULL AS alerts`,
    [tables.values, tables.alerts, READER_ROLE],
  );
  // the wide layout's alerts sit beside its tables, recorded like them
  const [wideAlerts] = wide
    ? await store.query<{ schema: string }>(
        `SELECT schema_name AS schema FROM core.haysim_wide_table WHERE org_key = $1 AND table_name = 'alerts' ORDER BY schema_name LIMIT 1`,
        [org],
      )
    : [];
  if (!ext?.values) throw new HaysimError('STORE_READ_FAILED', `${tables.values} does not exist; generate data for org "${org}" first`);
  const hourly = wide ? undefined : await findHourlyRollup(store, tables);

  const site = owners.find((o) => o.markers.includes('site'));
  const ownerById = new Map(owners.filter((o) => !o.markers.includes('site')).map((o) => [o.hid, o] as const));
  const usable = points.filter((p) => p.owner !== null && p.key !== null && ownerById.has(p.owner) && p.kind !== null && p.kind in KINDS);
  const plan = planWideTables({
    points: usable.map((p, index) => ({
      index,
      id: p.hid,
      key: p.key!,
      equipId: p.owner!,
      kind: p.kind as PointKind,
      unit: p.unit ?? undefined,
    })),
  });
  const equipment = plan
    .map((t): CatalogEquipment => {
      const owner = ownerById.get(t.equipId)!;
      const physical = wide?.get(t.equipId);
      const columns = t.columns
        .filter((c) => !physical || physical.columns.has(c.name))
        .map((c): CatalogColumn => {
          const p = usable[c.pointIndex]!;
          return {
            name: c.name,
            kind: KINDS[p.kind as PointKind],
            unit: p.unit,
            pointId: p.hid,
            description: p.dis,
            entityId: Number(p.id),
          };
        });
      return {
        id: t.name,
        haystackId: t.equipId,
        name: owner.dis,
        type: equipType(owner.markers),
        columns,
        byName: new Map(columns.map((c) => [c.name, c])),
        table: physical?.table,
      };
    })
    .filter((e) => !wide || e.table !== undefined)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const byId = new Map<string, CatalogEquipment>();
  for (const e of equipment) byId.set(e.haystackId, e);
  for (const e of equipment) byId.set(e.id, e);
  return {
    org,
    orgId,
    tables,
    layout: wide ? 'wide' : 'haystack',
    timeZone: ianaTimeZone(site?.tz ?? undefined),
    timescale: ext.timescale,
    hourly,
    reader: ext.reader,
    alerts: wide ? wideAlerts && qualified(wideAlerts.schema, 'alerts') : ext.alerts ? tables.alerts : undefined,
    equipment,
    byId,
  };
}
