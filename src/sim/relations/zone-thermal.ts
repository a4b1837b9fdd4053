/** Sensible heat of one office worker, BTU/h (ASHRAE, seated light work). */
export const PERSON_SENSIBLE_BTUH = 250;
/** 1 W = 3.412 BTU/h. */
export const BTUH_PER_W = 3.412;
/** Sensible air heat factor: BTU/h = 1.08 × cfm × ΔT °F. */
export const AIR_FACTOR = 1.08;

/**
 * Envelope conductance of a façade, BTU/h·°F: glazing U≈0.45 (whole window,
 * aluminium frames), curtain-wall spandrel U≈0.15 (its mullions bridge the
 * insulation), plus a little leakage through the floor plate.
 */
export function facadeUa(facadeFt2: number, windowRatio: number, floorAreaFt2: number): number {
  return facadeFt2 * (windowRatio * 0.45 + (1 - windowRatio) * 0.15) + floorAreaFt2 * 0.005;
}

/**
 * Infiltration through a façade as a conductance, BTU/h·°F (1.08 × cfm):
 * about 0.05 cfm/ft² of façade from wind, plus stack effect in a tall
 * building that grows as it gets colder outside (about 0.19 cfm/ft² at 30 °F).
 * With the fans on, the building is slightly pressurized, but in a tall building the
 * stack effect still pulls about half of it in through the lower floors.
 */
export function infiltrationUa(facadeFt2: number, outdoorF: number, fansOn: boolean): number {
  const cfmPerFt2 = 0.05 + 0.004 * Math.max(0, 65 - outdoorF);
  return AIR_FACTOR * facadeFt2 * cfmPerFt2 * (fansOn ? 0.5 : 1);
}

/**
 * Where an unoccupied zone has floated `hours` after the air went off, closed
 * form of two time constants: the room air settles onto its surfaces (about
 * an hour), and the building's mass drifts toward the free-floating balance
 * of outdoor air and internal gains (tens of hours). `massF` is where the
 * mass stood when the air went off: warmer than the room after a summer day
 * of solar and internal gains, colder after a winter day.
 */
export function floatingTemp(startF: number, massF: number, freeF: number, decay: FloatDecay): number {
  return freeF + (massF - freeF) * decay.mass + (startF - massF) * decay.air;
}

/** How much of floatingTemp's two departures is left after `hours`: the same for every zone at an instant. */
export interface FloatDecay {
  readonly mass: number;
  readonly air: number;
}

export function floatDecay(hours: number, massTauH: number): FloatDecay {
  const h = Math.max(0, hours);
  return { mass: Math.exp(-h / massTauH), air: Math.exp(-h) };
}

/**
 * Solar gain through glazing, BTU/h: irradiance (W/m²) × glass area × SHGC
 * 0.25 (low-e glazing of a 2018 building) × 0.7 for interior blinds.
 */
export function solarGainBtuh(irradianceWm2: number, facadeFt2: number, windowRatio: number): number {
  return irradianceWm2 * facadeFt2 * windowRatio * 0.0929 * 0.25 * 0.7 * BTUH_PER_W;
}

/**
 * Airflow (cfm) a VAV box needs to remove a sensible load at a zone setpoint
 * with a given supply temperature, clamped to the box's min and max.
 */
export function vavAirflow(loadBtuh: number, setpointF: number, supplyF: number, minCfm: number, maxCfm: number): number {
  const dt = Math.max(4, setpointF - supplyF);
  return Math.min(maxCfm, Math.max(minCfm, loadBtuh / (AIR_FACTOR * dt)));
}

/** First-order approach of a zone temperature to a target after a mode change. */
export function approach(fromF: number, toF: number, elapsedH: number, tauH: number): number {
  return toF + (fromF - toF) * Math.exp(-Math.max(0, elapsedH) / tauH);
}

/**
 * What is left of a zone's deviation `devF` from where its loop holds it, `hours` after the cause ended.
 * The loop answers at full output, which moves the room at most `maxRateFPerH` (the box wide open against
 * the room's thermal capacity): a large deviation closes at that rate until it is `maxRateFPerH · tauH`,
 * then settles exponentially with the room's time constant `tauH` (the slopes meet there, so the path is
 * smooth). A 15-minute step never exceeds `maxRateFPerH / 4`.
 */
export function recoveryDeviation(devF: number, hours: number, tauH: number, maxRateFPerH: number): number {
  const h = Math.max(0, hours);
  const a = Math.abs(devF);
  const knee = maxRateFPerH * tauH;
  if (a <= knee) return devF * Math.exp(-h / tauH);
  const linearH = (a - knee) / maxRateFPerH;
  const left = h < linearH ? a - maxRateFPerH * h : knee * Math.exp(-(h - linearH) / tauH);
  return Math.sign(devF) * left;
}
