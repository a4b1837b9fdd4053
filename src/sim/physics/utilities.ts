import type { Profile } from '../../profile/schema.js';
import type { Topology } from '../../profile/topology.js';
import type { PointRows } from '../point-rows.js';
import { smoothNoise } from '../../random/rng.js';
import { wetBulbF } from '../relations/psychrometrics.js';
import type { AirSide } from './air-side.js';
import { writeRow, type AirSideTotals, type Frame } from './frame.js';
import type { PlantTotals } from './plant.js';

const HOUR_MS = 3_600_000;
/** DHW: 8.34 lb/gal heated 65 °F by a gas water heater at 80 % efficiency, BTU per gal of gas input */
const DHW_BTU_PER_GAL = (8.34 * 65) / 0.8;

/**
 * Lighting, floor sub-meters, the main electric, gas and water meters and
 * the weather station. Sub-meters see their floor's lighting and plug loads;
 * the main meter adds the central plant, fans and common loads, so the
 * floors always sum to a little less than the main meter.
 */
export class Utilities {
  private readonly p: Profile;
  private readonly lum;
  private readonly floorMeter;
  private readonly elec;
  private readonly gas;
  private readonly water;
  private readonly wx;
  private readonly floorLight: Float64Array;
  private readonly floorPlug: Float64Array;

  constructor(
    private readonly topology: Topology,
    rows: PointRows,
    private readonly seed: number,
  ) {
    this.p = topology.profile;
    this.lum = { on: rows.of('luminaire', 'lightsOn'), kw: rows.of('luminaire', 'lightingPower') };
    this.floorMeter = { kw: rows.of('floorElecMeter', 'power') };
    const e = (key: string) => rows.one('elecMeter', key);
    this.elec = { kw: e('power'), volts: e('voltage'), amps: e('current'), pf: e('powerFactor') };
    this.gas = { flow: rows.one('gasMeter', 'flow'), pressure: rows.one('gasMeter', 'pressure') };
    this.water = { flow: rows.one('waterMeter', 'flow'), pressure: rows.one('waterMeter', 'pressure') };
    const w = (key: string) => rows.one('weatherStation', key);
    this.wx = {
      temp: w('outsideTemp'),
      rh: w('outsideHumidity'),
      dew: w('outsideDewPoint'),
      wetBulb: w('outsideWetBulb'),
      solar: w('solarIrradiance'),
    };
    this.floorLight = new Float64Array(this.p.floors.count);
    this.floorPlug = new Float64Array(this.p.floors.count);
  }

  step(frame: Frame, k: number, zones: AirSide, air: AirSideTotals, plant: PlantTotals): void {
    const T = frame.timestamps.length;
    const t = frame.timestamps[k]!;
    const truth = frame.truth;
    const p = this.p;
    this.floorLight.fill(0);
    this.floorPlug.fill(0);
    for (const zone of this.topology.zones) {
      this.floorLight[zone.floor - 1]! += zones.lightKw[zone.index]!;
      this.floorPlug[zone.floor - 1]! += zones.plugKw[zone.index]!;
    }
    let floorsKw = 0;
    const floorArea = p.site.area / p.floors.count;
    for (let f = 0; f < p.floors.count; f++) {
      const light = this.floorLight[f]!;
      writeRow(truth, this.lum.kw[f]!, T, k, light);
      writeRow(truth, this.lum.on[f]!, T, k, light > (0.15 * (p.loads.lightingWPerFt2 * floorArea)) / 1000 ? 1 : 0);
      // small receptacle and IT loads on the floor panel besides lights and plugs
      const kw = light + this.floorPlug[f]! + 1.5;
      writeRow(truth, this.floorMeter.kw[f]!, T, k, kw);
      floorsKw += kw;
    }
    // elevators, garage, exterior lighting, IT rooms: mostly constant, a little busier when occupied
    const commonKw = p.loads.commonBaseKw * (0.8 + 0.5 * air.occupancy);
    const totalKw = floorsKw + plant.chillerKw + plant.auxKw + air.fanKw + commonKw;
    const nominalKw = (p.site.area * 4) / 1000;
    const loadFrac = Math.min(1.2, totalKw / nominalKw);
    // utility voltage wanders slowly and sags a little under load; PF improves as motors load up
    const volts = this.p.meters.electric.nominalVolts * (1 + 0.01 * smoothNoise(this.seed, 0xe1ec, t, 4 * HOUR_MS) - 0.012 * loadFrac);
    const pf = Math.min(0.97, 0.86 + 0.1 * loadFrac);
    writeRow(truth, this.elec.kw, T, k, totalKw);
    writeRow(truth, this.elec.volts, T, k, volts);
    writeRow(truth, this.elec.amps, T, k, (totalKw * 1000) / (Math.sqrt(3) * volts * pf));
    writeRow(truth, this.elec.pf, T, k, pf);

    const dhwGph = (air.people * p.loads.waterGalPerPersonDay * 0.07) / 9; // offices heat ~7 % of their water, over ~9 h
    const dhwCfh = (dhwGph * DHW_BTU_PER_GAL) / 1030 + 6; // plus standby losses and pilots
    writeRow(truth, this.gas.flow, T, k, plant.boilerGasCfh + dhwCfh);
    writeRow(truth, this.gas.pressure, T, k, 7 + 0.15 * smoothNoise(this.seed, 0x9a5, t, 6 * HOUR_MS));
    const domesticGpm = (air.people * p.loads.waterGalPerPersonDay) / (9 * 60) + 0.3;
    const waterGpm = domesticGpm + plant.makeupGpm;
    writeRow(truth, this.water.flow, T, k, waterGpm);
    writeRow(truth, this.water.pressure, T, k, 62 - 0.04 * waterGpm + 0.8 * smoothNoise(this.seed, 0x3a7e, t, 3 * HOUR_MS));

    const wx = frame.weather;
    writeRow(truth, this.wx.temp, T, k, wx.dryBulbF[k]!);
    writeRow(truth, this.wx.rh, T, k, wx.relHumidity[k]!);
    writeRow(truth, this.wx.dew, T, k, wx.dewPointF[k]!);
    writeRow(truth, this.wx.wetBulb, T, k, wetBulbF(wx.dryBulbF[k]!, wx.relHumidity[k]!));
    writeRow(truth, this.wx.solar, T, k, wx.solarGlobal[k]!);
  }
}
