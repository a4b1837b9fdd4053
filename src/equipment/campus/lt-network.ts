import { HNum } from 'haystack-core';
import type { CampusEquip } from '../../model/campus-plan.js';
import { numberPoint as num, type PointTemplate } from '../../model/point-template.js';
import { hashString } from '../../random/rng.js';
import { MS_PER_DAY } from '../../time/clock.js';
import { columnsWanted, writeRow } from '../../sim/physics/frame.js';
import { newGensetEngine, gensetEngine, gensetFuelLph } from '../../sim/relations/elec-genset.js';
import { DAY_TANK_L_PER_KW, dayTankAfterRun, dayTankReading, dayTankRunning, TANK_HIGH_PCT } from '../../sim/relations/day-tank.js';
import { newTransformerState, transformerLossesW, transformerState } from '../../sim/relations/elec-transformer.js';
import { degradation } from '../../sim/physics/campus-context.js';
import { campusHistory } from '../../sim/physics/campus-history.js';
import { TransformerThermal } from './transformer-thermal.js';
import { FaultCode } from '../../sim/fault-catalog.js';
import { defineCampusType } from './campus-type.js';
import { HARMONIC_GROUP_COUNT as G, harmonicKvaRss } from '../../sim/relations/elec-power-quality.js';
import {
  addHarmonics,
  ELEC_POINTS,
  elecMeta,
  feed,
  newHarmonics,
  newMeterInput,
  newScratch,
  sourceHz,
  sourceVolts,
  writeElec,
  writePower,
} from './elec-columns.js';
import { panelRatingTags, panelStage } from './lt-panels.js';

/** `lt_pcc_NNN`: power control centres, the LT buses each transformer feeds. */
export const ltPcc = defineCampusType({
  name: 'ltPcc',
  role: 'pcc',
  markers: 'elec panel switchgear',
  points: [...ELEC_POINTS, num('panel_temp_c', 'Panel Temp', 'elec temp sensor', '°C', 1, { noise: 0.1 })],
  ratingTags: panelRatingTags,
  physics: (ctx, campus) => panelStage(ctx, campus, 35_000),
});

/** `source` states in code order, its Haystack `enum`: the utility through its transformer, or the DG set */
const ATS_SOURCES = ['grid', 'dg'] as const;
const ON_DG = ATS_SOURCES.indexOf('dg');

const SOURCE_POINTS: readonly PointTemplate[] = [
  ...ELEC_POINTS,
  { key: 'source', dis: 'Source', markers: 'elec sensor', kind: 'Str', decimals: 0, tags: { enum: ATS_SOURCES.join(',') } },
  num('transfer_count', 'Transfers', 'elec count sensor', undefined, 0),
];

/**
 * `lt_ats_NNN`: automatic transfer switches on the essential buses. On grid failure the DG set starts and
 * the ATS moves the bus to it within about 10–15 s; on the grid's return it transfers back.
 */
export const ltAts = defineCampusType({
  name: 'ltAts',
  role: 'ats',
  markers: 'elec switchgear',
  points: SOURCE_POINTS,
  physics: ({ equips, rows, seed }, campus) => {
    const metas = equips.map((n) => elecMeta(rows, n, campus.plan, 415, 0.3));
    const source = equips.map((n) => rows.one(n, 'source'));
    const transfers = equips.map((n) => rows.one(n, 'transfer_count'));
    const installDay = equips.map((n) => Math.floor(Date.parse(`${n.config.nameplate.installed}T00:00:00Z`) / MS_PER_DAY));
    const scratch = newScratch();
    const input = newMeterInput();
    const harmonics = newHarmonics();
    const grid = campus.topology.site.campus!.grid;
    return {
      step(frame, k, state) {
        const d = campus.drivers(frame, k);
        const t = frame.timestamps[k]!;
        const T = frame.timestamps.length;
        const el = state.elec;
        for (let i = 0; i < equips.length; i++) {
          const node = equips[i]!;
          const e = node.config;
          const pos = node.position;
          // an outage's bus stays on the set until the grid has been back for the retransfer delay
          const dg = campus.dgFeeding(e, d);
          const onDg = dg >= 0;
          input.kw = el.kw[pos]!;
          input.kvar = el.kvar[pos]!;
          input.closed = campus.supplied(e, d);
          // on its DG set the bus feeds the set: the transformer does not see it
          addHarmonics(el.harmonicKva, pos, harmonics.fill(0));
          feed(state, campus, pos, input.kw, input.kvar, harmonics, onDg ? dg : undefined);
          if (!columnsWanted(frame, pos)) {
            writePower(frame, k, metas[i]!, input);
            continue;
          }
          input.harmonicKva = harmonicKvaRss(harmonics, 0, false);
          input.vLL = sourceVolts(grid.nominalVolts, d, seed, t, dg);
          input.hz = sourceHz(grid.frequencyHz, seed, t, dg);
          input.iscA = onDg ? 6_000 : 35_000;
          writeElec(frame, k, metas[i]!, input, scratch, t, seed);
          writeRow(frame.truth, source[i]!, T, k, onDg ? ON_DG : 0);
          // the controller counts every transfer since commissioning: each outage's two
          writeRow(frame.truth, transfers[i]!, T, k, campus.grid.transfersSince(installDay[i]!, t));
        }
      },
    };
  },
});

/** `trf_NNN`: 11 kV / 433 V ONAN distribution transformers. */
export const transformer = defineCampusType({
  name: 'transformer',
  role: 'trf',
  markers: 'elec transformer',
  points: [
    ...ELEC_POINTS,
    num('input_power_kw', 'HV Input Power', 'ac elec active power sensor', 'kW', 2),
    num('losses_kw', 'Losses', 'ac elec active power sensor', 'kW', 3),
    num('efficiency_percent', 'Efficiency', 'elec efficiency sensor', '%', 2),
    num('oil_temp_c', 'Top Oil Temp', 'temp sensor', '°C', 1, { noise: 0.1 }),
    num('winding_temp_c', 'Winding Hot-Spot Temp', 'temp sensor', '°C', 1, { noise: 0.1 }),
    num('tap_position', 'Tap Position', 'elec count sensor', undefined, 0),
    // IEEE C57.110's harmonic loss factor F_HL of its LV current, what a power meter shows as its K-factor: a pure
    // ratio, Haystack's dimensionless `ppu` (a Number point needs a unit)
    num('k_factor', 'K-Factor', 'ac elec current sensor', 'ppu', 2),
  ],
  ratingTags: (e: CampusEquip) => ({ ratedApparentPower: HNum.make(e.rating, 'kVA') }),
  physics: (ctx, campus) => {
    const { equips, rows, seed } = ctx;
    const history = campusHistory(campus, ctx);
    const thermal = history && new TransformerThermal(history, equips, rows, campus.topology, seed);
    const temps = { oilC: 0, hotSpotC: 0 };
    const metas = equips.map((n) => elecMeta(rows, n, campus.plan, 433, 0.2));
    const losses = equips.map((n) => transformerLossesW(n.config.rating));
    const r = (key: string) => equips.map((n) => rows.one(n, key));
    const cols = {
      pin: r('input_power_kw'),
      loss: r('losses_kw'),
      eff: r('efficiency_percent'),
      oil: r('oil_temp_c'),
      wdg: r('winding_temp_c'),
      tap: r('tap_position'),
      kFactor: r('k_factor'),
    };
    const st = newTransformerState();
    const scratch = newScratch();
    const input = newMeterInput();
    const harmonics = newHarmonics();
    const grid = campus.topology.site.campus!.grid;
    const siteId = campus.topology.site.site.id;
    return {
      // the utility's interruptions are ground truth of the site: the transformers are what loses supply
      eventsBetween: (start, end) => campus.grid.eventsBetween(start, end, siteId),
      step(frame, k, state) {
        const d = campus.drivers(frame, k);
        const t = frame.timestamps[k]!;
        const T = frame.timestamps.length;
        const truth = frame.truth;
        const el = state.elec;
        for (let i = 0; i < equips.length; i++) {
          const node = equips[i]!;
          const e = node.config;
          const pos = node.position;
          const kw = d.gridUp ? el.kw[pos]! : 0;
          const kvar = d.gridUp ? el.kvar[pos]! : 0;
          const noLoadV = sourceVolts(grid.nominalVolts, d, seed, t, -1) * 1.04;
          // its LV side carries every harmonic its bus draws (the HT incomer reads them through the delta winding)
          addHarmonics(el.harmonicKva, pos, harmonics.fill(0));
          transformerState(kw, kvar, harmonics, e.rating, losses[i]!.noLoadW, losses[i]!.loadLossW, d.ambientC, noLoadV, 5, st);
          // de-energised, nothing heats it: the oil's steady value is the ambient
          const steadyOil = d.gridUp ? st.oilTempC : d.ambientC;
          const gradient = d.gridUp ? st.windingTempC - st.oilTempC : 0;
          if (!d.gridUp) {
            st.inputKw = st.lossKw = st.efficiencyPct = st.loadingPct = 0;
            st.secondaryV = 0;
            st.load.harmonicLossFactor = 1;
          }
          input.kw = kw;
          input.kvar = kvar;
          input.closed = d.gridUp;
          el.inputKw[pos] = st.inputKw;
          el.inputHarmonicKva.set(harmonics, pos * G);
          // the HT incomer's meter sums the HV side
          writeRow(truth, cols.pin[i]!, T, k, st.inputKw);
          if (!columnsWanted(frame, pos)) {
            writePower(frame, k, metas[i]!, input);
            continue;
          }
          if (thermal && !frame.steadyLags) thermal.at(i, t, d.ambientC, steadyOil, gradient, temps);
          else {
            // a replay writes the lags' steady inputs: the oil's and the hot-spot gradient
            temps.oilC = steadyOil;
            temps.hotSpotC = gradient;
          }
          input.harmonicKva = harmonicKvaRss(harmonics, 0, false);
          input.vLL = d.gridUp ? st.secondaryV : 0;
          input.hz = d.gridUp ? sourceHz(grid.frequencyHz, seed, t, -1) : 0;
          input.iscA = (e.rating * 1000) / (Math.sqrt(3) * 433 * 0.05);
          writeElec(frame, k, metas[i]!, input, scratch, t, seed);
          writeRow(truth, cols.loss[i]!, T, k, st.lossKw);
          writeRow(truth, cols.eff[i]!, T, k, st.efficiencyPct);
          writeRow(truth, cols.oil[i]!, T, k, temps.oilC);
          writeRow(truth, cols.wdg[i]!, T, k, temps.hotSpotC);
          writeRow(truth, cols.tap[i]!, T, k, 3 + (hashString(e.id) % 2));
          writeRow(truth, cols.kFactor[i]!, T, k, st.load.harmonicLossFactor);
        }
      },
    };
  },
});

/** `dg_NNN`: diesel generator sets behind the ATSs; run in outages and on the weekly off-load test. */
export const dgSet = defineCampusType({
  name: 'dgSet',
  role: 'dg',
  markers: 'elec genset diesel',
  points: [
    ...ELEC_POINTS,
    { key: 'run_status', dis: 'Running', markers: 'run sensor', kind: 'Bool', decimals: 0 },
    num('fuel_level_percent', 'Fuel Level', 'fuelOil tank level sensor', '%', 1, { noise: 0.05 }),
    num('fuel_rate_lph', 'Fuel Rate', 'fuelOil flow sensor', 'L/h', 1),
    num('coolant_temp_c', 'Coolant Temp', 'temp sensor', '°C', 1, { noise: 0.1 }),
    num('oil_pressure_bar', 'Oil Pressure', 'pressure sensor', 'bar', 2, { noise: 0.01 }),
    num('exhaust_temp_c', 'Exhaust Temp', 'exhaust temp sensor', '°C', 0, { noise: 1 }),
    num('engine_speed_rpm', 'Engine Speed', 'speed sensor', 'rpm', 0),
    num('battery_voltage_v', 'Starter Battery Voltage', 'dc elec volt sensor', 'V', 2, { noise: 0.02 }),
    { key: 'alarm_status', dis: 'Fail to Start Alarm', markers: 'alarm sensor', kind: 'Bool', decimals: 0 },
    {
      key: 'run_hours',
      dis: 'Run Hours',
      markers: 'run sensor',
      kind: 'Number',
      unit: 'h',
      decimals: 1,
      totalized: true,
      rateKey: 'run_status',
    },
  ],
  ratingTags: (e: CampusEquip) => ({ ratedPower: HNum.make(e.rating, 'kW') }),
  physics: (ctx, campus) => {
    const { equips, rows, seed } = ctx;
    const metas = equips.map((n) => elecMeta(rows, n, campus.plan, 415, 0.3));
    // coolant and exhaust lag their steady values: warming within minutes of a start (the engine's own figures),
    // cooling after a stop over the block's ~45 min toward the jacket heater, the manifold and turbocharger's ~20 min toward the room
    const history = campusHistory(campus, ctx);
    const lags = equips.map((n) => {
      const run = rows.one(n, 'run_status');
      return {
        coolant: history?.add(n.id, rows.one(n, 'coolant_temp_c'), 6, 45, run) ?? -1,
        exhaust: history?.add(n.id, rows.one(n, 'exhaust_temp_c'), 1.5, 20, run) ?? -1,
      };
    });
    const steady = newGensetEngine();
    const r = (key: string) => equips.map((n) => rows.one(n, key));
    const cols = {
      run: r('run_status'),
      level: r('fuel_level_percent'),
      rate: r('fuel_rate_lph'),
      coolant: r('coolant_temp_c'),
      oil: r('oil_pressure_bar'),
      exhaust: r('exhaust_temp_c'),
      rpm: r('engine_speed_rpm'),
      batt: r('battery_voltage_v'),
      alarm: r('alarm_status'),
    };
    const eng = newGensetEngine();
    const scratch = newScratch();
    const input = newMeterInput();
    const grid = campus.topology.site.campus!.grid;
    const test = grid.dgTest;
    // the ATSs each set backs: what it would carry now (their draw on the utility), for the tank its last outage emptied
    const atsOf = equips.map((n) =>
      campus.plan
        .of('ats')
        .filter((a) => a.backupDg === n.id)
        .map((a) => campus.position.get(a.id)!),
    );
    const atsLoadKw = (el: { readonly inputKw: Float64Array }, i: number) => atsOf[i]!.reduce((sum, p) => sum + el.inputKw[p]!, 0);
    return {
      step(frame, k, state) {
        const d = campus.drivers(frame, k);
        const local = frame.local;
        const t = frame.timestamps[k]!;
        const T = frame.timestamps.length;
        const truth = frame.truth;
        const el = state.elec;
        for (let i = 0; i < equips.length; i++) {
          const node = equips[i]!;
          const e = node.config;
          const pos = node.position;
          const delay = campus.dgDelayMin[pos]!;
          // on its buses from the transfer until the ATSs hand them back, then unloaded through its cool-down
          const carrying = campus.dgCarries(delay, d);
          const handedBackMin = d.lastOutageMin >= delay ? d.restoredMin - grid.retransferMinutes : Number.NaN;
          const cooling = handedBackMin >= 0 && handedBackMin < grid.coolDownMinutes;
          // a set that will not crank (flat starter battery, stuck fuel solenoid): called to start by an outage or the
          // weekly test, its controller makes three 10-s attempts within the first minute, then locks out with its
          // fail-to-start alarm until someone starts it by hand (an outage's manual start; the test is abandoned)
          const failing = !Number.isNaN(degradation(frame, pos, k, FaultCode.DgFailToStart));
          const testMin = d.dgTest ? (d.hour - test.hour) * 60 : Number.NaN;
          const calledMin = d.gridUp ? testMin : d.outageMin;
          const running = carrying || cooling || (d.dgTest && !failing);
          const cranking = failing && !running && calledMin < 1;
          const lockedOut = failing && !running && calledMin >= 1;
          const kw = carrying ? el.kw[pos]! : 0;
          input.kw = kw;
          input.kvar = carrying ? el.kvar[pos]! : 0;
          input.closed = carrying;
          el.inputKw[pos] = 0;
          if (!columnsWanted(frame, pos)) {
            writePower(frame, k, metas[i]!, input);
            continue;
          }
          // minutes since it started: an outage's run goes on through the retransfer delay and the cool-down
          const outageRun = d.gridUp ? d.lastOutageMin + d.restoredMin : d.outageMin;
          const since = carrying || cooling ? outageRun - delay : running ? testMin : 0;
          gensetEngine(running, since, kw / e.rating, d.ambientC, eng);
          gensetEngine(running, Number.POSITIVE_INFINITY, kw / e.rating, d.ambientC, steady);
          // a replay writes the steady values the lags follow
          const lagged = history && !frame.steadyLags;
          const coolant = lagged ? history.at(lags[i]!.coolant, t, steady.coolantTempC, running) : steady.coolantTempC;
          const exhaust = lagged ? history.at(lags[i]!.exhaust, t, steady.exhaustTempC, running) : steady.exhaustTempC;
          const fuel = running ? gensetFuelLph(kw, e.rating) : 0;
          const tankL = e.rating * DAY_TANK_L_PER_KW;
          let level = TANK_HIGH_PCT;
          // the outage's loaded run, at the load its ATSs carry now (the cool-down's idle burn is a few litres)
          const ran = d.gridUp ? d.lastOutageMin - delay + grid.retransferMinutes : Number.NaN;
          if (running && !cooling) level = dayTankRunning(fuel, since, tankL);
          else if (ran > 0) {
            const end = dayTankRunning(gensetFuelLph(Math.min(e.rating, atsLoadKw(el, i)), e.rating), ran, tankL);
            // topped back up once it stopped
            level = cooling ? end : dayTankAfterRun(end, handedBackMin - grid.coolDownMinutes, tankL);
          } else {
            // topped back up after the test's idle burn
            const testEnd = d.hour - test.hour - test.minutes / 60;
            if (local.dayOfWeek[k] === test.dayOfWeek && testEnd >= 0 && testEnd < 1 && !failing)
              level = dayTankAfterRun(dayTankRunning(gensetFuelLph(0, e.rating), test.minutes, tankL), testEnd * 60, tankL);
          }
          writeRow(truth, cols.run[i]!, T, k, running ? 1 : 0);
          writeRow(truth, cols.level[i]!, T, k, dayTankReading(level, d.ambientC));
          writeRow(truth, cols.rate[i]!, T, k, fuel);
          writeRow(truth, cols.coolant[i]!, T, k, coolant);
          writeRow(truth, cols.oil[i]!, T, k, eng.oilPressureBar);
          writeRow(truth, cols.exhaust[i]!, T, k, exhaust);

          // the starter battery: charging while the set runs; a failed one reads low (why the set will not crank) and
          // collapses under the starter's few hundred amperes
          writeRow(truth, cols.batt[i]!, T, k, running ? 27.6 : cranking ? 17.2 : failing ? 22.8 : 25.4);
          writeRow(truth, cols.alarm[i]!, T, k, lockedOut ? 1 : 0);
          input.harmonicKva = carrying ? harmonicKvaRss(el.harmonicKva, pos * G, false) : 0;
          input.vLL = running ? sourceVolts(grid.nominalVolts, d, seed, t, pos) : 0;
          input.hz = running ? sourceHz(grid.frequencyHz, seed, t, pos) : 0;
          // a 4-pole alternator turns at 30 × its frequency; the starter turns the engine too slowly to fire
          writeRow(truth, cols.rpm[i]!, T, k, cranking ? 140 : 30 * input.hz);
          input.iscA = 6_000;
          writeElec(frame, k, metas[i]!, input, scratch, t, seed);
        }
      },
    };
  },
});

/**
 * the 11 kV supply's short-circuit current at the HT incomer, A: a 250 MVA fault level, what urban Indian 11 kV
 * distribution is designed for (its voltage THD is the background plus what the campus's harmonics drop across it)
 */
const HT_FAULT_A = 250e6 / (Math.sqrt(3) * 11_000);

/** `em_NNN`: energy meters: the HT incomer (all transformers' input), each LV side, then big feeders. */
export const energyMeter = defineCampusType({
  name: 'energyMeter',
  role: 'em',
  markers: 'elec meter',
  points: ELEC_POINTS,
  physics: ({ equips, rows, seed }, campus) => {
    const incomer = equips.map((n) => n.config.index === 0);
    // the incomer's CTs are on the 11 kV side: its rated current (and load %) is at 11 kV
    const metas = equips.map((n, i) => elecMeta(rows, n, campus.plan, incomer[i] ? 11_000 : 415, 0.3));
    // the incomer reads the transformers' HV side; every other meter the incoming side of what it measures
    const pRows = equips.map((n, i) =>
      Int32Array.from(n.config.measures ?? [], (id) => {
        const node = campus.topology.equips[campus.position.get(id) ?? -1];
        return rows.one(node, incomer[i] ? 'input_power_kw' : 'active_power_kw');
      }),
    );
    const qRows = equips.map((n) =>
      Int32Array.from(n.config.measures ?? [], (id) =>
        rows.one(campus.topology.equips[campus.position.get(id) ?? -1], 'reactive_power_kvar'),
      ),
    );
    const measured = equips.map((n) => Int32Array.from(n.config.measures ?? [], (id) => campus.position.get(id) ?? -1));
    const firstMeasured = equips.map((n, i) => (incomer[i] ? undefined : campus.plan.byId.get(n.config.measures?.[0] ?? '')));
    const scratch = newScratch();
    const input = newMeterInput();
    const harmonics = newHarmonics();
    const grid = campus.topology.site.campus!.grid;
    return {
      step(frame, k, state) {
        const d = campus.drivers(frame, k);
        const t = frame.timestamps[k]!;
        const T = frame.timestamps.length;
        const truth = frame.truth;
        for (let i = 0; i < equips.length; i++) {
          let kw = 0;
          let kvar = 0;
          for (const row of pRows[i]!) if (row >= 0) kw += truth[row * T + k]!;
          for (const row of qRows[i]!) if (row >= 0) kvar += truth[row * T + k]!;
          input.kw = kw;
          // the transformers' magnetising current: a few per cent of rating as kVAr on the HV side
          input.kvar = incomer[i] && d.gridUp ? kvar * 1.03 : kvar;
          input.closed = incomer[i] ? d.gridUp : true;
          // its energy registers still integrate what it reads (a register frame's)
          if (!columnsWanted(frame, equips[i]!.position)) {
            writePower(frame, k, metas[i]!, input);
            continue;
          }
          // what it measures adds group by group; the incomer sees the transformers' buses through their Dyn
          // windings (one vector group: no 30° cancellation of the 5th and 7th between them)
          harmonics.fill(0);
          for (const p of measured[i]!)
            if (p >= 0) addHarmonics(incomer[i] ? state.elec.harmonicKva : state.elec.inputHarmonicKva, p, harmonics);
          input.harmonicKva = harmonicKvaRss(harmonics, 0, incomer[i]!);
          // the incomer's supply is the utility's; a feeder meter's what feeds the first equipment it measures
          const target = firstMeasured[i];
          const live = target ? campus.supplied(target, d) : d.gridUp;
          const dg = target ? campus.dgFeeding(target, d) : -1;
          input.vLL = !live
            ? 0
            : incomer[i]
              ? 11_000 * (sourceVolts(grid.nominalVolts, d, seed, t, -1) / grid.nominalVolts)
              : sourceVolts(grid.nominalVolts, d, seed, t, dg);
          input.hz = live ? sourceHz(grid.frequencyHz, seed, t, dg) : 0;
          input.iscA = incomer[i] ? HT_FAULT_A : 35_000;
          writeElec(frame, k, metas[i]!, input, scratch, t, seed);
        }
      },
    };
  },
});
