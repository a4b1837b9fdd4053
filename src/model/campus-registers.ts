import type { CampusEquip, CampusPlan, CampusRole } from './campus-plan.js';
import type { PointTemplate } from './point-template.js';

const HOURS_PER_YEAR = 8766;

/**
 * What a machine of each role has drawn on average since it was installed: electrical input per unit of its
 * rating at full load (kW per kW, kVA, TR or CFM), the mean load as a share of that, and the share of hours
 * it ran. Process motors and pumps run most of three shifts; air compressors carry the base load; chillers
 * and towers follow the season; a UPS carries 30–50 % of its kVA; a standby DG set runs its weekly tests and the outages, 100–200 h a year.
 */
const SERVICE: Partial<Record<CampusRole, { readonly kwPerRating: number; readonly load: number; readonly duty: number }>> = {
  motor: { kwPerRating: 1.07, load: 0.75, duty: 0.65 },
  pump: { kwPerRating: 1.1, load: 0.7, duty: 0.7 },
  compressor: { kwPerRating: 1.06, load: 0.75, duty: 0.8 },
  chiller: { kwPerRating: 0.62, load: 0.6, duty: 0.5 },
  ct: { kwPerRating: 0.05, load: 0.7, duty: 0.6 },
  ahu: { kwPerRating: 0.0007, load: 0.6, duty: 0.7 },
  dg: { kwPerRating: 1, load: 0.5, duty: 0.017 },
  db: { kwPerRating: 1, load: 0.5, duty: 1 },
  ups: { kwPerRating: 0.9, load: 0.4, duty: 1 },
  plc: { kwPerRating: 1, load: 0.8, duty: 1 },
  mcc: { kwPerRating: 1, load: 0.6, duty: 1 },
};

/** kVAr per kW each role's meter counts: motors at about 0.85 PF, a DG set's 0.8, panels a mix, buses behind APFC 0.96. */
const TAN_PHI: Partial<Record<CampusRole, number>> = { dg: 0.75, trf: 0.3, ats: 0.3, pcc: 0.3, em: 0.3, ups: 0.3, plc: 0.4 };
const TAN_PHI_LOADS = 0.6;
const TAN_PHI_PANELS = 0.5;
const LOAD_ROLES: ReadonlySet<CampusRole> = new Set(['motor', 'pump', 'compressor', 'chiller', 'ct', 'ahu']);

/** per plan, each equipment's mean kW: a meter's or transformer's sums the whole tree below it, once */
const meanKwOf = new WeakMap<CampusPlan, Map<string, number>>();

/** Mean kW through `e` while in service: its own draw and, for a panel, switch or transformer, what it feeds. */
function meanKw(plan: CampusPlan, e: CampusEquip): number {
  let memo = meanKwOf.get(plan);
  if (!memo) meanKwOf.set(plan, (memo = new Map()));
  const known = memo.get(e.id);
  if (known !== undefined) return known;
  const s = SERVICE[e.role];
  const own = e.role === 'dg' ? 0 : s ? e.rating * s.kwPerRating * s.load * s.duty : 0;
  const measured = e.measures?.reduce((sum, id) => sum + meanKw(plan, plan.byId.get(id)!), 0) ?? 0;
  const fed = plan.childrenOf(e.id).reduce((sum, c) => sum + meanKw(plan, c), 0);
  const kw = own + measured + fed;
  memo.set(e.id, kw);
  return kw;
}

/**
 * A register's reading at the epoch that fits its machine: hours in service since the nameplate's install date,
 * at the role's duty (run hours), or its mean draw over them (energy), within ±20 % (the hash picks the reading).
 * undefined where the template says its own or the point is not a run-hours or energy register.
 */
export function campusRegisterStart(
  plan: CampusPlan,
  e: CampusEquip,
  template: PointTemplate,
  epochMs: number,
): readonly [number, number] | undefined {
  if (!template.totalized || template.registerStart || template.countsRises) return undefined;
  const hours = Math.max(HOURS_PER_YEAR / 2, (epochMs - Date.parse(`${e.nameplate.installed}T00:00:00Z`)) / 3_600_000);
  let reading: number;
  if (template.unit === 'h') reading = hours * (SERVICE[e.role]?.duty ?? 0.6);
  else {
    // a DG set's meter counts only what it generated: its hours run at its mean load
    const kw = e.role === 'dg' ? e.rating * SERVICE.dg!.load * SERVICE.dg!.duty : meanKw(plan, e);
    const kwh = kw * hours;
    if (template.unit === 'kWh') reading = kwh;
    else reading = kwh * (TAN_PHI[e.role] ?? (LOAD_ROLES.has(e.role) ? TAN_PHI_LOADS : TAN_PHI_PANELS));
  }
  const r = Math.max(10, reading);
  return [Math.round(0.8 * r), Math.round(1.2 * r)];
}
