import { HNum } from 'haystack-core';
import type { CampusEquip } from '../../model/campus-plan.js';
import { numberPoint as num, type PointTemplate } from '../../model/point-template.js';
import { hashString, smoothNoise } from '../../random/rng.js';
import type { InstantDrivers } from '../../sim/physics/campus-instant.js';
import { columnsWanted, writeRow } from '../../sim/physics/frame.js';
import { affinityShaftFraction, motorInputKw, motorPowerFactor } from '../../sim/relations/elec-motor.js';
import { newAhuAir } from './ahu-coil.js';
import { ahuConditions, ahuScheduled, isOffice, OFFICE_STOOD_MIN, officeSinceMin, PULL_DOWN_TAU_MIN, startPull } from './ahu-loads.js';
import { AhuWarmCoil, COIL_TAU_MIN, coilAgainstPlant, SPACE_DRIFT_TAU_MIN } from './ahu-warm-coil.js';
import { CW_LPM_PER_TR, KW_PER_TR } from './chiller-operation.js';
import { chillerPlant } from './chiller-plant.js';
import { defineCampusType } from './campus-type.js';
import { operatingPoint } from './operating-point.js';
import { ahuFanKw, CT_FAN_KW_PER_TR, fanMotorKw } from './elec-ratings.js';
import { harmonicKvaRss } from '../../sim/relations/elec-power-quality.js';
import {
  ELEC_POINTS,
  elecMeta,
  feed,
  motorHarmonics,
  newHarmonics,
  newMeterInput,
  newScratch,
  supplyHz,
  supplyVolts,
  writeElec,
  writePower,
} from './elec-columns.js';

const MINUTE = 60_000;

const CT_POINTS: readonly PointTemplate[] = [
  ...ELEC_POINTS,
  { key: 'fan_status', dis: 'Fan Status', markers: 'fan run sensor', kind: 'Bool', decimals: 0 },
  num('fan_speed_percent', 'Fan Speed', 'fan vfd speed sensor', '%', 1),
  num('water_in_temp_c', 'Water In Temp', 'condenser water entering temp sensor', '°C', 1, { noise: 0.05 }),
  num('water_out_temp_c', 'Water Out Temp', 'condenser water leaving temp sensor', '°C', 1, { noise: 0.05 }),
  num('wet_bulb_temp_c', 'Wet Bulb Temp', 'outside air wetBulb temp sensor', '°C', 1, { noise: 0.1 }),
  num('approach_c', 'Approach', 'condenser water temp delta sensor', '°C', 2),
  num('range_c', 'Range', 'condenser water temp delta sensor', '°C', 2),
  num('heat_rejected_kw', 'Heat Rejected', 'condenser water thermal power sensor', 'kW', 1),
];

/** `ct_NNN`: induced-draft towers on VFD fans holding the condenser water a few degrees above wet bulb. */
export const campusCoolingTower = defineCampusType({
  name: 'campusCoolingTower',
  role: 'ct',
  markers: 'coolingTower',
  points: CT_POINTS,
  ratingTags: (e: CampusEquip) => ({ coolingCapacity: HNum.make(e.rating, 'tonref') }),
  physics: ({ equips, rows, seed }, campus) => {
    const metas = equips.map((n) => elecMeta(rows, n, campus.plan, 415, 0.3));
    const motorKw = equips.map((n) => fanMotorKw(n.config.rating * CT_FAN_KW_PER_TR));
    const r = (key: string) => equips.map((n) => rows.one(n, key));
    const cols = {
      fan: r('fan_status'),
      speed: r('fan_speed_percent'),
      win: r('water_in_temp_c'),
      wout: r('water_out_temp_c'),
      wb: r('wet_bulb_temp_c'),
      app: r('approach_c'),
      range: r('range_c'),
      heat: r('heat_rejected_kw'),
    };
    const plant = chillerPlant(campus, seed);
    const chillers = plant.chillers.map((c) => campus.position.get(c.id)!);
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
          const node = equips[i]!;
          const e = node.config;
          // a tower takes the heat of the chillers on its header, and their condenser water (the pumps of those running)
          let heat = 0;
          let flow = 0;
          for (let j = 0; j < chillers.length; j++) {
            if (plant.towerOf[j] !== i || campus.duty[chillers[j]!]! <= 0) continue;
            heat += campus.rejectKw[chillers[j]!]!;
            flow += plant.ratings[j]! * CW_LPM_PER_TR;
          }
          const frac = Math.min(1.1, heat / (e.rating * KW_PER_TR * 1.25));
          const on = heat > 0 && campus.supplied(e, d);
          const speed = on ? Math.min(1, 0.35 + 0.75 * frac) : 0;
          // the fan's shaft power, and the load it puts on its motor (the next size up from its design power)
          const motorLoad = on ? (e.rating * CT_FAN_KW_PER_TR * affinityShaftFraction(speed, 0)) / motorKw[i]! : 0;
          const kw = on ? motorInputKw(motorKw[i]!, motorLoad) : 0;
          input.kw = kw;
          input.kvar = kw * 0.33;
          input.closed = campus.supplied(e, d);
          // every tower fan is on a drive
          motorHarmonics(true, motorLoad, kw, input.kvar, harmonics);
          input.harmonicKva = harmonicKvaRss(harmonics, 0, false);
          feed(state, campus, node.position, kw, input.kvar, harmonics);
          if (!columnsWanted(frame, node.position)) {
            writePower(frame, k, metas[i]!, input);
            continue;
          }
          // the water it returns is the chillers' entering water (its loop's lag on their load); the basin's, stood,
          // sits between the wet and the dry bulb
          const range = flow > 0 ? (heat * 60) / (4.186 * flow) : 0;
          const out = flow > 0 ? plant.cwSupplyC(i, t, d.wetBulbC) : d.wetBulbC + Math.max(0, d.ambientC - d.wetBulbC) * 0.5;
          writeRow(truth, cols.fan[i]!, T, k, on ? 1 : 0);
          writeRow(truth, cols.speed[i]!, T, k, 100 * speed);
          writeRow(truth, cols.wout[i]!, T, k, out);
          writeRow(truth, cols.win[i]!, T, k, out + range);
          writeRow(truth, cols.wb[i]!, T, k, d.wetBulbC);
          writeRow(truth, cols.app[i]!, T, k, out - d.wetBulbC);
          writeRow(truth, cols.range[i]!, T, k, range);
          writeRow(truth, cols.heat[i]!, T, k, heat);
          input.vLL = supplyVolts(grid.nominalVolts, campus, e, d, seed, t) * (1 - 0.01 * speed);
          input.hz = supplyHz(grid.frequencyHz, campus, e, d, seed, t);
          input.iscA = 8_000;
          writeElec(frame, k, metas[i]!, input, scratch, t, seed);
        }
      },
    };
  },
});

const AHU_POINTS: readonly PointTemplate[] = [
  ...ELEC_POINTS,
  { key: 'fan_status', dis: 'Supply Fan Status', markers: 'fan run sensor', kind: 'Bool', decimals: 0 },
  num('fan_speed_percent', 'Supply Fan Speed', 'fan vfd speed sensor', '%', 1),
  num('supply_air_flow_cfm', 'Supply Air Flow', 'discharge air flow sensor', 'cfm', 0, { relativeNoise: 0.015 }),
  num('supply_air_temp_c', 'Supply Air Temp', 'discharge air temp sensor', '°C', 1, { noise: 0.05, drifts: true }),
  num('return_air_temp_c', 'Return Air Temp', 'return air temp sensor', '°C', 1, { noise: 0.05 }),
  num('chw_valve_percent', 'CHW Valve', 'chilled water valve cmd', '%', 1),
  num('filter_dp_pa', 'Filter DP', 'air filter pressure delta sensor', 'Pa', 0, { noise: 1 }),
];

/** `ahu_NNN`: hall and office air handlers; production halls run with the shifts, offices by day. */
export const campusAhu = defineCampusType({
  name: 'campusAhu',
  role: 'ahu',
  markers: 'ahu',
  points: AHU_POINTS,
  ratingTags: (e: CampusEquip) => ({ designAirflow: HNum.make(e.rating, 'cfm') }),
  physics: ({ equips, rows, seed }, campus) => {
    const motorKw = equips.map((n) => fanMotorKw(ahuFanKw(n.config.rating)));
    const metas = equips.map((n) => elecMeta(rows, n, campus.plan, 415, 0.4));
    const r = (key: string) => equips.map((n) => rows.one(n, key));
    const cols = {
      fan: r('fan_status'),
      speed: r('fan_speed_percent'),
      flow: r('supply_air_flow_cfm'),
      sat: r('supply_air_temp_c'),
      rat: r('return_air_temp_c'),
      valve: r('chw_valve_percent'),
      filter: r('filter_dp_pa'),
    };
    const scratch = newScratch();
    const input = newMeterInput();
    const harmonics = newHarmonics();
    const normal = newAhuAir();
    const air = newAhuAir();
    const grid = campus.topology.site.campus!.grid;
    const plant = chillerPlant(campus, seed);
    const warm = new AhuWarmCoil(
      equips.map((n) => n.config),
      campus,
      plant,
      seed,
    );
    return {
      step(frame, k, state) {
        const d = campus.drivers(frame, k);
        const t = frame.timestamps[k]!;
        const T = frame.timestamps.length;
        const truth = frame.truth;
        const at: InstantDrivers = { ...d, solarWm2: frame.weather.solarGlobal[k]! };
        // the chilled water the plant delivers (NaN: its pumps stand)
        const chws = plant.chwSupplyAt(t);
        for (let i = 0; i < equips.length; i++) {
          const node = equips[i]!;
          const e = node.config;
          const office = isOffice(e);
          const scheduled = ahuScheduled(e, d);
          // a handler restarts a few minutes after its supply comes back, staggered so they do not start at once
          const restart = 2 + (e.index % 5);
          const on = scheduled && campus.restartShare(e, d, restart) > 0 && frame.faulted[node.position * T + k] !== 1;
          const key = hashString(e.id);
          coilAgainstPlant(ahuConditions(e, at, seed, t), chws, normal, air);
          const speed = on ? air.speed : 0;
          const motorLoad = on ? (ahuFanKw(e.rating) * affinityShaftFraction(speed, 0.25) * operatingPoint(seed, key, t)) / motorKw[i]! : 0;
          const kw = on ? motorInputKw(motorKw[i]!, motorLoad) : 0;
          input.kw = kw;
          // behind a drive the line sees its rectifier; direct on line, the fan motor's own PF at its load
          const pf = e.vfd ? 0.96 : motorPowerFactor(motorKw[i]!, motorLoad);
          input.kvar = on ? kw * Math.sqrt(1 / (pf * pf) - 1) : 0;
          input.closed = campus.supplied(e, d);
          motorHarmonics(Boolean(e.vfd), motorLoad, kw, input.kvar, harmonics);
          input.harmonicKva = harmonicKvaRss(harmonics, 0, false);
          feed(state, campus, node.position, kw, input.kvar, harmonics);
          if (!columnsWanted(frame, node.position)) {
            writePower(frame, k, metas[i]!, input);
            continue;
          }
          // the discharge loop's PI: the valve works a little past where the duty puts it, the discharge a little off its
          // setpoint the other way, a few minutes behind (none of it once the valve is wide open)
          const hunt = air.valve < 100 ? smoothNoise(seed, key ^ 0xa2, t, 5 * MINUTE) : 0;
          // running: the loop's values; stood, the duct air drifts toward the room and the space toward its unconditioned
          // balance. A stop starts from where the loop held them, a start pulls them down, valve wide open, over minutes
          // the coil against the plant's water: the discharge and the space as far as they have followed it
          const runSat = normal.supplyC + warm.dischargeK(i, t) + 0.12 * hunt;
          const runRat = normal.returnC + warm.spaceK(i, t) + 0.15 * smoothNoise(seed, key ^ 0xa3, t, 20 * MINUTE);
          const offSat = d.ambientC * 0.5 + 12;
          const offRat = d.ambientC * 0.4 + 16;
          let sat = runSat;
          let rat = runRat;
          let valve = Math.min(100, Math.max(0, air.valve + 2.5 * hunt));
          // where the duct and the space got to after standing `min` minutes from the loop's values
          const stoodSat = (min: number) => offSat + (runSat - offSat) * Math.exp(-min / (5 * COIL_TAU_MIN));
          const stoodRat = (min: number, from = runRat) => offRat + (from - offRat) * Math.exp(-min / SPACE_DRIFT_TAU_MIN);
          // the space a stop `min` minutes ago left: an office's still coming down from its morning start
          const ratAtStop = (min: number) => {
            const ran = office ? officeSinceMin(e, d.hour - min / 60) : Number.NaN;
            return ran >= 0 && ran < 240 ? runRat + (stoodRat(OFFICE_STOOD_MIN) - runRat) * Math.exp(-ran / PULL_DOWN_TAU_MIN) : runRat;
          };
          // an outage's length, for a handler that stood through it
          const outageMin = () => {
            const o = campus.grid.lastBefore(t);
            return o ? (o.end - o.start) / MINUTE : 0;
          };
          if (on) {
            // minutes since this run began, and how long it had stood before
            let since = Number.NaN;
            let stood = 0;
            if (office) {
              since = officeSinceMin(e, d.hour);
              stood = OFFICE_STOOD_MIN;
            } else if (!d.gridUp) {
              since = d.outageMin - campus.dgDelay(e);
              stood = campus.dgDelay(e);
            } else if (!e.essential && Number.isFinite(d.restoredMin)) {
              since = d.restoredMin - restart;
              stood = outageMin() + restart;
            }
            if (since >= 0 && since < 240) {
              const pull = Math.exp(-since / PULL_DOWN_TAU_MIN);
              sat += (stoodSat(stood) - sat) * Math.exp(-since / COIL_TAU_MIN);
              rat += (stoodRat(stood) - rat) * pull;
              valve += (100 - valve) * startPull(since, stood);
            }
          } else {
            const since = !d.gridUp
              ? d.outageMin
              : Number.isFinite(d.restoredMin) && d.restoredMin < restart
                ? outageMin() + d.restoredMin
                : office && d.production > 0
                  ? (d.hour >= 20 ? d.hour - 20 : d.hour + 4) * 60
                  : Number.NaN;
            sat = since >= 0 ? stoodSat(since) : offSat;
            rat = since >= 0 ? stoodRat(since, ratAtStop(since)) : offRat;
            valve = 0;
          }
          writeRow(truth, cols.fan[i]!, T, k, on ? 1 : 0);
          writeRow(truth, cols.speed[i]!, T, k, 100 * speed);
          writeRow(truth, cols.flow[i]!, T, k, e.rating * speed);
          writeRow(truth, cols.sat[i]!, T, k, sat);
          writeRow(truth, cols.rat[i]!, T, k, rat);
          writeRow(truth, cols.valve[i]!, T, k, valve);
          // the filter loads over its months in service: pressure drop grows, and with the square of flow
          const age = ((t / (30 * 86_400_000) + (key % 97) / 97) % 3) / 3;
          writeRow(truth, cols.filter[i]!, T, k, on ? (90 + 160 * age) * speed * speed : 0);
          input.vLL = supplyVolts(grid.nominalVolts, campus, e, d, seed, t) * (1 - 0.008 * speed);
          input.hz = supplyHz(grid.frequencyHz, campus, e, d, seed, t);
          input.iscA = 8_000;
          writeElec(frame, k, metas[i]!, input, scratch, t, seed);
        }
      },
    };
  },
});
