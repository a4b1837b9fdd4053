import { HNum } from 'haystack-core';
import type { CampusEquip } from '../../model/campus-plan.js';
import { numberPoint as num } from '../../model/point-template.js';
import { FaultCode } from '../../sim/fault-catalog.js';
import { degradation } from '../../sim/physics/campus-context.js';
import { columnsWanted, writeRow } from '../../sim/physics/frame.js';
import { RELAY_TARGET_PF, stepCount, stepsKvar } from '../../sim/relations/elec-power-quality.js';
import { apfcRelayHistory } from './apfc-relay-history.js';
import { defineCampusType } from './campus-type.js';
import { supplyHz, supplyVolts } from './elec-columns.js';

/**
 * capacitor steps of an APFC panel, kVAr: a binary 1:2:4:8… series (relays code it) fine enough to hold 0.95–0.99
 * at a night's few-percent load, then two large steps for the day's bulk
 */
const APFC_STEPS = [2.5, 5, 10, 20, 40, 80, 150, 150];

/**
 * A bank's steps and their sum, kVAr: the standard steps for a 1,600 kVA transformer, scaled to its own
 * (the APFC's rating).
 */
export function apfcBank(e: CampusEquip): { readonly steps: readonly number[]; readonly kvar: number } {
  const scale = (e.rating || 1600) / 1600;
  const steps = APFC_STEPS.map((s) => Math.round(s * scale * 10) / 10);
  return { steps, kvar: steps.reduce((a, b) => a + b, 0) };
}

/**
 * `lt_apfc_NNN`: capacitor banks switched by a PF relay (apfcRelay) to hold their PCC bus in its band: steps
 * held while the load is steady, one or a few switched when a machine starts or stops.
 */
export const ltApfc = defineCampusType({
  name: 'ltApfc',
  role: 'apfc',
  markers: 'elec panel capacitor',
  points: [
    num('capacitor_kvar', 'Capacitor kVAr Switched', 'ac elec reactive power sensor', 'kVAR', 1),
    num('steps_on', 'Steps On', 'elec capacitor count sensor', undefined, 0),
    num('steps_total', 'Steps Installed', 'elec capacitor count sensor', undefined, 0),
    num('target_pf', 'Target PF', 'ac elec pf sp', 'pf', 3),
    num('pf_before', 'Bus PF Uncorrected', 'ac elec pf sensor', 'pf', 3),
    num('power_factor', 'Bus PF Corrected', 'ac elec pf sensor', 'pf', 3),
    num('capacitor_current_a', 'Capacitor Current', 'ac elec current magnitude sensor', 'A', 1),
    num('voltage_v', 'Voltage', 'ac elec volt magnitude sensor', 'V', 1, { noise: 0.2, zeroSuppressed: true }),
    num('panel_temp_c', 'Panel Temp', 'elec temp sensor', '°C', 1, { noise: 0.1 }),
    // what the relay measures on its bus: the power it corrects and what it leaves
    num('bus_active_power_kw', 'Bus Active Power', 'ac elec active power sensor', 'kW', 2),
    num('reactive_power_demand_kvar', 'Bus kVAr Uncorrected', 'ac elec reactive power sensor', 'kVAR', 2),
    num('bus_reactive_power_kvar', 'Bus kVAr Corrected', 'ac elec reactive power sensor', 'kVAR', 2),
    num('frequency_hz', 'Frequency', 'ac elec freq sensor', 'Hz', 2, { noise: 0.005, zeroSuppressed: true }),
    num('capacitor_losses_kw', 'Capacitor Losses', 'elec capacitor power sensor', 'kW', 3),
    num('reactor_temp_c', 'Detuning Reactor Temp', 'elec temp sensor', '°C', 1, { noise: 0.1 }),
  ],
  ratingTags: (e) => ({ ratedReactivePower: HNum.make(Math.round(apfcBank(e).kvar * 10) / 10, 'kVAR') }),
  physics: (ctx, campus) => {
    const { equips, rows, seed } = ctx;
    const r = (key: string) => equips.map((n) => rows.one(n, key));
    const cols = {
      kvar: r('capacitor_kvar'),
      on: r('steps_on'),
      total: r('steps_total'),
      target: r('target_pf'),
      before: r('pf_before'),
      pf: r('power_factor'),
      amps: r('capacitor_current_a'),
      v: r('voltage_v'),
      temp: r('panel_temp_c'),
      busKw: r('bus_active_power_kw'),
      demand: r('reactive_power_demand_kvar'),
      busKvar: r('bus_reactive_power_kvar'),
      hz: r('frequency_hz'),
      losses: r('capacitor_losses_kw'),
      reactor: r('reactor_temp_c'),
    };
    const grid = campus.topology.site.campus!.grid;
    const banks = equips.map((n) => apfcBank(n.config));
    const history = apfcRelayHistory(
      ctx,
      equips.map((n) => n.id),
      banks.map((b) => b.steps),
    );
    const relays = equips.map((n) => history.relayOf(n.id));
    return {
      step(frame, k, state) {
        const d = campus.drivers(frame, k);
        const t = frame.timestamps[k]!;
        const T = frame.timestamps.length;
        const truth = frame.truth;
        for (let i = 0; i < equips.length; i++) {
          const node = equips[i]!;
          const bus = campus.feederOf(node.config);
          const kw = state.elec.kw[bus]!;
          const kvar = state.elec.kvar[bus]!;
          history.record(t, relays[i]!, kw, kvar, frame.faulted[node.position * T + k] === 1);
          if (history.replaying) continue;
          const steps = banks[i]!.steps;
          const mask = history.maskAt(relays[i]!, t);
          // the relay calls steps as if all were healthy: a failed one it switches in delivers nothing
          const failed = degradation(frame, node.position, k, FaultCode.CapacitorStepFailure);
          const switched = stepsKvar(Number.isNaN(failed) ? mask : mask & ~failed, steps);
          // the bank's own losses: about 0.5 W per kVAr switched in
          const losses = switched * 0.0005;
          state.elec.kvar[bus] = kvar - switched;
          state.elec.kw[bus] = kw + losses;
          state.elec.inputKw[node.position] = losses;
          if (!columnsWanted(frame, node.position)) continue;
          const v = supplyVolts(grid.nominalVolts, campus, node.config, d, seed, t);
          const s0 = Math.hypot(kw, kvar);
          const s1 = Math.hypot(kw, kvar - switched);
          writeRow(truth, cols.kvar[i]!, T, k, switched);
          writeRow(truth, cols.on[i]!, T, k, stepCount(mask));
          writeRow(truth, cols.total[i]!, T, k, steps.length);
          writeRow(truth, cols.target[i]!, T, k, RELAY_TARGET_PF);
          writeRow(truth, cols.before[i]!, T, k, s0 > 0 ? kw / s0 : 1);
          writeRow(truth, cols.pf[i]!, T, k, s1 > 0 ? kw / s1 : 1);
          writeRow(truth, cols.amps[i]!, T, k, v > 0 ? (switched * 1000) / (Math.sqrt(3) * v) : 0);
          writeRow(truth, cols.v[i]!, T, k, v);
          writeRow(truth, cols.temp[i]!, T, k, d.ambientC + 5 + 0.04 * switched);
          writeRow(truth, cols.busKw[i]!, T, k, kw + losses);
          writeRow(truth, cols.demand[i]!, T, k, kvar);
          writeRow(truth, cols.busKvar[i]!, T, k, kvar - switched);
          writeRow(truth, cols.hz[i]!, T, k, supplyHz(grid.frequencyHz, campus, node.config, d, seed, t));
          writeRow(truth, cols.losses[i]!, T, k, losses);
          // a 7 % detuning reactor heats with the square of its current, over the panel's ambient
          writeRow(truth, cols.reactor[i]!, T, k, d.ambientC + 8 + 55 * (switched / banks[i]!.kvar) ** 2);
        }
      },
    };
  },
});
