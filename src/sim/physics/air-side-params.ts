import type { ZoneNode } from '../../model/topology.js';

/** What the air side reads of an air handler. */
export interface AirHandlerParams {
  readonly designAirflowCfm: number;
  readonly fanPowerKw: number;
  readonly minOutsideAirFraction: number;
}

/** What the air side reads of a VAV box: its limits, the zone it serves and which of the air handlers feeds it. */
export interface TerminalUnitParams {
  readonly maxAirflowCfm: number;
  readonly minAirflowFraction: number;
  readonly reheat: boolean;
  readonly zone: ZoneNode;
  /** index of its air handler in the list the air side is given */
  readonly airHandler: number;
}
