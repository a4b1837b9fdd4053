import type { ScrewStandstillInput } from '../../sim/relations/screw-chiller-circuit.js';
import { StandingEvaporator } from './standing-evaporator.js';

const MINUTE = 60_000;
/** a stopped chiller's bare condenser drifts toward the room with this time constant, minutes */
export const COND_STANDSTILL_TAU_MIN = 120;
/**
 * the water that stood is displaced from the entering sensors' pipes, and from the shells to the leaving sensors,
 * with these time constants (a shell's volume over its design flow is a few seconds), minutes
 */
const ENTERING_TAU_MIN = 0.25;
const LEAVING_TAU_MIN = 0.5;

/** A chiller's four water temperatures, °C: chilled water leaving and entering, condenser water entering and leaving. */
export interface WaterTemps {
  chws: number;
  chwr: number;
  cws: number;
  cwr: number;
}

/**
 * The water in a chiller's shells while its compressor does not run, and as its pumps flush it: stopped with its
 * valves shut, the evaporator's drifts toward the plant room over half a day (`StandingEvaporator`) and the bare
 * condenser's over hours; when its pumps start the loop's water displaces it within a minute or so.
 */
export class ShellWater {
  private readonly evaporator: StandingEvaporator;

  constructor(roomAt: (t: number) => number) {
    this.evaporator = new StandingEvaporator(roomAt);
  }

  /** Stopped at `stop` with `w` in its shells: `w` becomes what stands in them at t. */
  stood(w: WaterTemps, stop: number, t: number, roomC: number): void {
    w.chws = this.evaporator.at(stop, t, w.chws);
    w.chwr = this.evaporator.at(stop, t, w.chwr);
    w.cws = condenserStood(w.cws, stop, t, roomC);
    w.cwr = condenserStood(w.cwr, stop, t, roomC);
  }

  /**
   * Its pumps started `pumpMinutes` ago ahead of its compressor, stopped since `stop` with `w` in its shells: `w`
   * becomes what its sensors read, the loop's chilled-water return and the tower's condenser water replacing what
   * stood; `shells` gets the shells' water (at the leaving sensors) for the refrigerant circuit.
   */
  flushing(
    w: WaterTemps,
    stop: number,
    t: number,
    roomC: number,
    pumpMinutes: number,
    loop: { readonly chwReturnC: number; readonly cwSupplyC: number },
    shells: ScrewStandstillInput,
  ): void {
    const flushed = (stoodC: number, loopC: number, tauMin: number) => loopC + (stoodC - loopC) * Math.exp(-pumpMinutes / tauMin);
    const evap = this.evaporator.at(stop, t, w.chws);
    const cond = condenserStood(w.cwr, stop, t, roomC);
    w.chwr = flushed(this.evaporator.at(stop, t, w.chwr), loop.chwReturnC, ENTERING_TAU_MIN);
    w.chws = flushed(evap, loop.chwReturnC, LEAVING_TAU_MIN);
    w.cws = flushed(condenserStood(w.cws, stop, t, roomC), loop.cwSupplyC, ENTERING_TAU_MIN);
    w.cwr = flushed(cond, loop.cwSupplyC, LEAVING_TAU_MIN);
    shells.evapWaterC = w.chws;
    shells.condWaterC = w.cwr;
  }

  /**
   * Running, its pumps started at `pumpsOn` (`pumpMinutes` ago) after it stood since `stop`: `w` (what it runs at)
   * becomes what its sensors read while the last of the water that stood passes them.
   */
  afterStart(w: WaterTemps, stop: number, pumpsOn: number, pumpMinutes: number, roomC: number, designDtK: number, setpointC: number): void {
    const leaving = Math.exp(-pumpMinutes / LEAVING_TAU_MIN);
    const entering = Math.exp(-pumpMinutes / ENTERING_TAU_MIN);
    w.chws += (this.evaporator.at(stop, pumpsOn, setpointC) - w.chws) * leaving;
    w.chwr += (this.evaporator.at(stop, pumpsOn, setpointC + 0.5 * designDtK) - w.chwr) * entering;
    w.cws += (condenserStood(w.cws, stop, pumpsOn, roomC) - w.cws) * entering;
    w.cwr += (condenserStood(w.cwr, stop, pumpsOn, roomC) - w.cwr) * leaving;
  }
}

/** the bare condenser's water, at `fromC` when it stopped, toward the room's present temperature */
const condenserStood = (fromC: number, stop: number, t: number, roomC: number) =>
  roomC + (fromC - roomC) * Math.exp(-(t - stop) / MINUTE / COND_STANDSTILL_TAU_MIN);
