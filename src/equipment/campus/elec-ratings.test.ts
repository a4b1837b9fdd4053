import { describe, expect, it } from 'vitest';
import { campusPlan } from '../../model/campus-plan.js';
import { loadProfile } from '../../profile/load-profile.js';
import { EQUIPMENT_TYPES } from '../index.js';
import { motorKva, panelFrameA, ratedKva } from './elec-ratings.js';

const { profile } = await loadProfile('industrial-campus', EQUIPMENT_TYPES);
const plan = campusPlan(profile.campus!);
const amps = (kva: number) => (kva * 1000) / (Math.sqrt(3) * 415);
const PANELS = new Set(['pcc', 'changeover', 'mldb', 'smdb', 'db', 'mcc', 'vfd', 'plc']);
/** IEC 61439-2 Table 101: the rated diversity factor by number of outgoing circuits */
const RDF = (n: number) => (n >= 10 ? 0.6 : n >= 6 ? 0.7 : n >= 4 ? 0.8 : n >= 2 ? 0.9 : 1);
const FRAMES = [16, 25, 32, 40, 63, 100, 125, 160, 200, 250, 315, 400, 630, 800, 1000, 1250, 1600, 2000, 2500, 3200, 4000, 5000, 6300];

describe('campus electrical ratings', () => {
  const panels = plan.equips.filter((e) => PANELS.has(e.role));

  it('every panel is a standard frame that carries its outgoing circuits at the IEC 61439-2 diversity', () => {
    expect(panels.length).toBe(20 + 5 + 10 + 20 + 40 + 70 + 25 + 20);
    for (const e of panels) {
      const frame = panelFrameA(plan, e);
      expect(FRAMES, e.id).toContain(frame);
      const circuits = plan.childrenOf(e.id).filter((c) => c.role !== 'apfc' && c.role !== 'em');
      const connected = circuits.reduce((s, c) => s + amps(ratedKva(plan, c)), 0);
      expect(frame, e.id).toBeGreaterThanOrEqual(RDF(circuits.length) * connected * 0.999);
    }
  });

  it("a PCC's busbars carry its transformer's full-load current; a DB feeding a UPS carries the UPS", () => {
    for (const pcc of plan.of('pcc')) {
      let source = plan.byId.get(pcc.fedBy!)!;
      if (source.role === 'ats') source = plan.byId.get(source.fedBy!)!;
      expect(source.role).toBe('trf');
      expect(panelFrameA(plan, pcc), pcc.id).toBeGreaterThanOrEqual(amps(source.rating));
    }
    for (const ups of plan.of('ups'))
      expect(panelFrameA(plan, plan.byId.get(ups.fedBy!)!), ups.id).toBeGreaterThanOrEqual(amps(ups.rating));
  });

  it("a motor's rated input is its output over the catalogue's full-load efficiency and PF; small motors draw more per kW", () => {
    // 0.18 kW IE3 4-pole: 69.9 % and PF ≈ 0.66 (IEC 60034-30-1; maker catalogues); 55 kW: 94.6 %, PF ≈ 0.86
    expect(motorKva(0.18) / 0.18).toBeCloseTo(1 / (0.699 * 0.66), 2);
    expect(motorKva(55) / 55).toBeGreaterThan(1.2);
    expect(motorKva(55) / 55).toBeLessThan(1.25);
  });

  it("a meter's rating is the sum of what it measures", () => {
    for (const m of plan.of('em')) {
      const sum = (m.measures ?? []).reduce((s, id) => s + ratedKva(plan, plan.byId.get(id)!), 0);
      expect(sum, m.id).toBeGreaterThan(0);
      expect(ratedKva(plan, m), m.id).toBe(sum);
    }
  });
});
