import { beforeAll, describe, expect, it } from 'vitest';
import { collectBusiness, type Collected, keyProblems } from '../../../test/helpers/business-rows.js';
import { buildModel } from '../../model/build-model.js';
import { EQUIPMENT_TYPES } from '../../equipment/index.js';
import { loadProfile } from '../../profile/load-profile.js';
import type { LinkedSite } from '../link/building-link.js';
import { linkBuildingToBusiness } from '../link/link-building-to-business.js';
import { BUSINESS_TABLES } from '../tables/business-tables.js';
import type { BusinessOptions } from './business-dataset.js';
import { DEFAULT_AS_OF } from './calendar.js';

const OPTIONS: BusinessOptions = { seed: 3, scale: 1, overrides: {}, asOf: DEFAULT_AS_OF };
const { profile } = await loadProfile('office-tower', EQUIPMENT_TYPES);
let site: LinkedSite;
let plain: Collected;
let linked: Collected;
beforeAll(() => {
  site = linkBuildingToBusiness(profile, undefined, OPTIONS.asOf);
  plain = collectBusiness(OPTIONS);
  linked = collectBusiness({ ...OPTIONS, link: site });
});

/** the rows after the regular ones */
const added = (table: string) => linked[table].rows.slice(plain[table].count);

describe('business dataset with the building linked', () => {
  it('appends the site rows after unchanged regular rows (inventory is re-derived from all usage)', () => {
    const grown = Object.fromEntries(BUSINESS_TABLES.map((t) => [t.name, linked[t.name].count - plain[t.name].count]));
    const calls = site.repairs.length;
    expect(grown).toMatchObject({
      customers: 1,
      equipment_types: 5,
      installed_devices: site.devices.length,
      subscriptions: 1,
      service_calls: calls,
      appointments: calls,
      work_orders: calls,
      invoices: calls,
    });
    for (const name of [
      'technicians',
      'parts',
      'inventory',
      'vehicle_fleet',
      'leads',
      'mailing_list',
      'quotes',
      'incident_response',
      'customer_feedback',
    ])
      expect(grown[name], name).toBe(0);
    expect(grown.parts_usage).toBeGreaterThanOrEqual(calls);
    expect(grown.payments).toBeGreaterThan(calls * 0.8);
    for (const t of BUSINESS_TABLES) {
      expect(linked[t.name].rows.length, t.name).toBe(linked[t.name].count);
      if (t.name !== 'inventory')
        expect(JSON.stringify(linked[t.name].rows.slice(0, plain[t.name].count)), t.name).toBe(JSON.stringify(plain[t.name].rows));
    }
  });

  it('keeps keys 1..n, unique columns unique and every foreign key resolving', () => {
    expect(keyProblems(linked)).toEqual([]);
  });

  it("makes the site a commercial customer owning the model's HVAC equipment, by Haystack id", () => {
    const [customer] = added('customers');
    const c = linked.customers;
    expect([c.get(customer!, 'customer_type'), c.get(customer!, 'company_name'), c.get(customer!, 'haystack_site_ref')]).toEqual([
      'commercial',
      profile.site.dis,
      profile.site.id,
    ]);
    const hvac = buildModel(profile, EQUIPMENT_TYPES).topology.equips.filter((e) =>
      ['ahu', 'vav', 'chiller', 'coolingTower', 'boiler'].includes(e.type),
    );
    const devices = added('installed_devices');
    expect(devices.map((d) => linked.installed_devices.get(d, 'haystack_equip_ref'))).toEqual(hvac.map((e) => e.id));
    expect(new Set(devices.map((d) => linked.installed_devices.get(d, 'customer_id')))).toEqual(new Set([customer![0]]));
    expect(plain.installed_devices.col('haystack_equip_ref').every((x) => x === null)).toBe(true);
    const chiller = linked.equipment_types.byKey(
      linked.installed_devices.get(
        devices.find((d) => linked.installed_devices.get(d, 'haystack_equip_ref') === 'equip-chiller-1')!,
        'equipment_type_id',
      ) as number,
    );
    expect(chiller.slice(1, 9)).toEqual(['Carrier', '19XR', 'chiller', 'electric', 4_800_000, 'kW/ton', '0.57', 'commercial']);
  });

  it("turns each repair into a completed, invoiced call on the faulted device, under the site's contract", () => {
    const calls = linked.service_calls;
    const deviceRef = (id: number) => linked.installed_devices.get(linked.installed_devices.byKey(id), 'haystack_equip_ref');
    const [contract] = added('subscriptions');
    added('service_calls').forEach((call, k) => {
      const repair = site.repairs[k]!;
      expect(calls.get(call, 'sim_event_ref')).toBe(repair.eventRef);
      expect(deviceRef(calls.get(call, 'device_id') as number)).toBe(site.devices[repair.device]!.equipRef);
      expect([
        calls.get(call, 'service_type'),
        calls.get(call, 'status'),
        calls.get(call, 'billing_status'),
        calls.get(call, 'subscription_id'),
      ]).toEqual(['repair', 'completed', 'invoiced', contract![0]]);
    });
    expect(new Set(added('invoices').map((i) => linked.invoices.get(i, 'payment_terms')))).toEqual(new Set(['net_30']));
    expect(new Set(added('payments').map((p) => linked.payments.get(p, 'payment_method')))).toEqual(new Set(['ach']));
    const priorities = added('work_orders').map((w) => linked.work_orders.get(w, 'priority'));
    expect(new Set(priorities)).toEqual(new Set(['urgent', 'high']));
  });

  it("counts the linked calls in the devices' service history", () => {
    const history = new Map<number, number>();
    for (const call of added('service_calls'))
      history.set(
        linked.service_calls.get(call, 'device_id') as number,
        (history.get(linked.service_calls.get(call, 'device_id') as number) ?? 0) + 1,
      );
    for (const d of added('installed_devices'))
      expect(linked.installed_devices.get(d, 'service_count')).toBe(history.get(d[0] as number) ?? 0);
  });
});
