import type { EquipNode } from '../../model/topology.js';
import type { PointRows } from '../point-rows.js';
import { chilledWaterDeltaT, chillerCop, chillerPowerKw, heatRejectedTons } from '../relations/chiller-performance.js';
import { affinityPowerKw } from '../relations/fan-affinity.js';
import { wetBulbF } from '../relations/psychrometrics.js';
import { hashString, smoothNoise, uniform } from '../../random/rng.js';
import { writeRow, type BuildingState, type Frame } from './frame.js';
import { FaultCode } from '../fault-catalog.js';

/** What the plant reads of itself, its chillers and its cooling tower. */
export interface PlantParams {
  readonly chilledWaterSupplyF: number;
  readonly designDeltaTF: number;
  readonly lockoutBelowF: number;
}
export interface ChillerParams {
  readonly capacityTons: number;
  readonly designCop: number;
  readonly role: 'lead' | 'standby';
}
export interface CoolingTowerParams {
  readonly fanPowerKw: number;
  readonly approachF: number;
}

/** minimum stable load of a centrifugal chiller, share of capacity */
const MIN_LOAD = 0.15;

/**
 * Chilled-water plant, its chillers and cooling tower for one timestamp. The lead
 * chiller carries the load up to 95 % of its capacity; the standby starts
 * only above that or when the lead is down.
 */
export class Plant {
  private readonly p: PlantParams;
  private readonly chillers: readonly ChillerParams[];
  private readonly towerCfg: CoolingTowerParams;
  private readonly ch;
  private readonly tower;
  private readonly plantRows;
  private readonly chillerGlobal: Int32Array;
  private readonly towerGlobal: number;
  private readonly order: number[];
  private readonly tons: Float64Array;
  /** chillers dispatched at the current timestamp, in dispatch order (reused) */
  private readonly running: Int32Array;

  private readonly cycleKey = hashString('chiller-cycling');

  constructor(
    plant: EquipNode<PlantParams>,
    chillers: readonly EquipNode<ChillerParams>[],
    tower: EquipNode<CoolingTowerParams>,
    rows: PointRows,
    private readonly seed: number,
  ) {
    this.p = plant.config;
    this.chillers = chillers.map((c) => c.config);
    this.towerCfg = tower.config;
    const c = (key: string) => rows.of(chillers, key);
    this.ch = {
      status: c('status'),
      enable: c('enable'),
      chwSupplyTemp: c('chwSupplyTemp'),
      chwReturnTemp: c('chwReturnTemp'),
      condenserSupplyTemp: c('condenserSupplyTemp'),
      condenserReturnTemp: c('condenserReturnTemp'),
      chwFlow: c('chwFlow'),
      load: c('load'),
      power: c('power'),
      cop: c('cop'),
    };
    this.tower = {
      fanStatus: rows.one(tower, 'fanStatus'),
      fanSpeed: rows.one(tower, 'fanSpeed'),
      fanPower: rows.one(tower, 'fanPower'),
      leaving: rows.one(tower, 'condenserLeavingTemp'),
    };
    this.plantRows = {
      sp: rows.one(plant, 'chwSupplyTempSp'),
      load: rows.one(plant, 'coolingLoad'),
      chwPump: rows.one(plant, 'chwPumpPower'),
      cwPump: rows.one(plant, 'cwPumpPower'),
    };
    this.chillerGlobal = Int32Array.from(chillers, (e) => e.position);
    this.towerGlobal = tower.position;
    const cfg = this.chillers;
    this.order = cfg.map((_, i) => i).sort((a, b) => (cfg[a]!.role === 'lead' ? -1 : 0) - (cfg[b]!.role === 'lead' ? -1 : 0));
    this.tons = new Float64Array(chillers.length);
    this.running = new Int32Array(chillers.length);
  }

  /** 1, or for a chiller short of refrigerant, 1 − `per` × the share of charge lost (capacity, COP). */
  private chargeFactor(frame: Frame, k: number, i: number, t: number, per: number): number {
    const g = this.chillerGlobal[i]! * frame.timestamps.length + k;
    return frame.degraded[g] === FaultCode.LowRefrigerantCharge && t < frame.degradedEnd[g]! ? 1 - per * frame.degradedValue[g]! : 1;
  }

  /** At least one chiller can run and it is warm enough to need mechanical cooling. */
  before(frame: Frame, k: number, state: BuildingState): void {
    state.coolingAvailable = this.available(frame, k);
  }

  private available(frame: Frame, k: number): boolean {
    const T = frame.timestamps.length;
    if (frame.weather.dryBulbF[k]! < this.p.lockoutBelowF) return false;
    for (const g of this.chillerGlobal) if (frame.faulted[g * T + k] !== 1) return true;
    return false;
  }

  step(frame: Frame, k: number, state: BuildingState): void {
    const { air, plant: out } = state;
    const T = frame.timestamps.length;
    const truth = frame.truth;
    const plant = this.p;
    const chillers = this.chillers;
    const wx = frame.weather;
    const loadTons = (air.coilBtuh / 12000) * 1.02;
    const on = loadTons > 5 && this.available(frame, k);
    // dispatch: lead first, the next available machine takes what the first cannot
    this.tons.fill(0);
    let remaining = on ? loadTons : 0;
    let count = 0;
    const t = frame.timestamps[k]!;
    for (const i of this.order) {
      if (frame.faulted[this.chillerGlobal[i]! * T + k] === 1) continue;
      if (remaining <= 0) break;
      this.running[count++] = i;
      remaining -= chillers[i]!.capacityTons * 0.95 * this.chargeFactor(frame, k, i, t, 0.6);
    }
    for (let j = 0; j < count; j++) this.tons[this.running[j]!] = loadTons / count;
    // below its minimum stable load a centrifugal cycles: on at the minimum for a share of
    // 20-minute periods equal to load / minimum, off otherwise (time-averaged cooling is kept)
    if (count === 1) {
      const i = this.running[0]!;
      const minTons = MIN_LOAD * chillers[i]!.capacityTons;
      if (loadTons < minTons)
        this.tons[i] =
          uniform(this.seed, this.cycleKey + i, Math.floor(frame.timestamps[k]! / 1_200_000)) < loadTons / minTons ? minTons : 0;
    }
    // a short-cycling machine: on for half of each period at twice the load, off the other half
    for (let j = 0; j < count; j++) {
      const i = this.running[j]!;
      const g = this.chillerGlobal[i]! * T + k;
      if (frame.degraded[g] !== FaultCode.ShortCycling || t >= frame.degradedEnd[g]! || this.tons[i]! <= 0) continue;
      const phase = ((t - frame.degradedStart[g]!) / (frame.degradedValue[g]! * 60_000)) % 1;
      this.tons[i] = phase < 0.5 ? Math.min(chillers[i]!.capacityTons, 2 * this.tons[i]!) : 0;
    }
    const towerDown = frame.faulted[this.towerGlobal * T + k] === 1;
    const wetBulb = wetBulbF(wx.dryBulbF[k]!, wx.relHumidity[k]!);
    const capacity = chillers.reduce((s, c) => s + c.capacityTons, 0);
    const towerFrac = on ? Math.min(1, loadTons / (capacity * 0.6)) : 0;
    // the tower holds condenser water a few degrees over wet bulb, never below 65 °F
    // (the 65 °F floor is the tower's fan/bypass control, which wanders a little around it)
    const cwFloor = 65 + 0.7 * smoothNoise(this.seed, this.cycleKey ^ 0x65, frame.timestamps[k]!, 3_600_000);
    const cwEntering = on
      ? Math.max(cwFloor, wetBulb + this.towerCfg.approachF * (towerDown ? 2.5 : 0.5 + 0.5 * towerFrac))
      : wx.dryBulbF[k]! * 0.3 + 49;
    let chillerKw = 0;
    let rejected = 0;
    let chwGpm = 0;
    let designGpm = 0;
    const c = this.ch;
    for (let i = 0; i < chillers.length; i++) {
      const cfg = chillers[i]!;
      const tons = this.tons[i]!;
      const isOn = tons > 0;
      const plr = tons / cfg.capacityTons;
      // low charge: the starved evaporator makes each ton cost more (COP down by half the share of charge lost)
      const cop = isOn ? chillerCop(cfg.designCop, plr, cwEntering) * this.chargeFactor(frame, k, i, frame.timestamps[k]!, 0.5) : 0;
      const kw = isOn ? chillerPowerKw(tons, cop) : 0.4;
      const gpmDesign = 2.4 * cfg.capacityTons;
      const gpm = isOn ? Math.max(0.4 * gpmDesign, (tons * 24) / plant.designDeltaTF) : 0;
      const supply = plant.chilledWaterSupplyF + (isOn ? 0.6 * Math.max(0, plr - 0.8) : 0);
      const ret = isOn ? supply + chilledWaterDeltaT(tons, gpm) : 0.5 * (plant.chilledWaterSupplyF + 12) + 0.25 * wx.dryBulbF[k]! + 8;
      const cwFlow = 3 * cfg.capacityTons;
      const cwLeaving = isOn ? cwEntering + (heatRejectedTons(tons, kw) * 24) / cwFlow : cwEntering;
      writeRow(truth, c.status[i]!, T, k, isOn ? 1 : 0);
      writeRow(truth, c.enable[i]!, T, k, isOn ? 1 : 0);
      writeRow(truth, c.chwSupplyTemp[i]!, T, k, isOn ? supply : ret - 0.5);
      writeRow(truth, c.chwReturnTemp[i]!, T, k, ret);
      writeRow(truth, c.condenserSupplyTemp[i]!, T, k, cwEntering);
      writeRow(truth, c.condenserReturnTemp[i]!, T, k, cwLeaving);
      writeRow(truth, c.chwFlow[i]!, T, k, gpm);
      writeRow(truth, c.load[i]!, T, k, 100 * plr);
      writeRow(truth, c.power[i]!, T, k, kw);
      writeRow(truth, c.cop[i]!, T, k, cop);
      chillerKw += kw;
      if (isOn) {
        rejected += heatRejectedTons(tons, kw);
        chwGpm += gpm;
        designGpm += gpmDesign;
      }
    }
    const towerSpeed = on && !towerDown ? Math.max(0.3, Math.min(1, rejected / (capacity * 0.75))) : 0;
    const towerKw = towerSpeed > 0 ? affinityPowerKw(this.towerCfg.fanPowerKw, towerSpeed, 3) : 0;
    writeRow(truth, this.tower.fanStatus, T, k, towerSpeed > 0 ? 1 : 0);
    writeRow(truth, this.tower.fanSpeed, T, k, 100 * towerSpeed);
    writeRow(truth, this.tower.fanPower, T, k, towerKw);
    writeRow(truth, this.tower.leaving, T, k, cwEntering);
    const chwPumpKw = on ? affinityPowerKw(15, chwGpm / Math.max(1, designGpm), 2.4) : 0;
    const cwPumpKw = 18 * count;
    writeRow(truth, this.plantRows.sp, T, k, plant.chilledWaterSupplyF);
    writeRow(truth, this.plantRows.load, T, k, on ? loadTons : 0);
    writeRow(truth, this.plantRows.chwPump, T, k, chwPumpKw);
    writeRow(truth, this.plantRows.cwPump, T, k, cwPumpKw);

    out.chillerKw = chillerKw;
    out.auxKw = towerKw + chwPumpKw + cwPumpKw;
    // evaporation, drift and blowdown: about 3 gal/min per 100 tons rejected
    out.makeupGpm = rejected * 0.03;
  }
}
