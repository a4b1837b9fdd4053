/** Sensible heat of one office worker, BTU/h (ASHRAE, seated light work). */
export const PERSON_SENSIBLE_BTUH = 250;
/** 1 W = 3.412 BTU/h. */
export const BTUH_PER_W = 3.412;
/** Sensible air heat factor: BTU/h = 1.08 × cfm × ΔT °F. */
export const AIR_FACTOR = 1.08;

/** Envelope conductance of a façade, BTU/h·°F: glazing U≈0.45, wall U≈0.08, plus infiltration. */
export function facadeUa(facadeFt2: number, windowRatio: number, floorAreaFt2: number): number {
  return facadeFt2 * (windowRatio * 0.45 + (1 - windowRatio) * 0.08) + floorAreaFt2 * 0.02;
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
