/**
 * Centrifugal chiller part-load factor: the users' load bins (<20 % → 0.3,
 * <40 % → 0.7, <80 % → 0.95, else 0.9) made continuous by joining the bin
 * midpoints linearly, so COP never jumps between bins.
 */
const PLF_KNOTS: readonly (readonly [number, number])[] = [
  [0, 0.25],
  [0.1, 0.3],
  [0.3, 0.7],
  [0.6, 0.95],
  [0.8, 0.95],
  [1, 0.9],
];

export function partLoadFactor(loadFraction: number): number {
  const x = Math.min(1.2, Math.max(0, loadFraction));
  for (let i = 1; i < PLF_KNOTS.length; i++) {
    const [x1, y1] = PLF_KNOTS[i]!;
    if (x <= x1) {
      const [x0, y0] = PLF_KNOTS[i - 1]!;
      return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
    }
  }
  return PLF_KNOTS[PLF_KNOTS.length - 1]![1];
}

/**
 * COP = design × part-load factor × lift factor. The users' curve takes
 * outdoor temperature; a water-cooled machine sees condenser water instead,
 * so the 2 %/°F penalty applies to condenser-water entering temperature
 * against its 85 °F design (bounded: cold water helps only so much).
 */
export function chillerCop(designCop: number, loadFraction: number, condenserEnteringF: number): number {
  const lift = Math.min(1.4, Math.max(0.7, 1 - 0.02 * (condenserEnteringF - 85)));
  return designCop * partLoadFactor(loadFraction) * lift;
}

/** kW = tons × 3.517 / COP (1 ton = 3.517 kW of cooling). */
export function chillerPowerKw(tons: number, cop: number): number {
  return (tons * 3.517) / cop;
}

/** Chilled-water ΔT, °F: tons = gpm × ΔT / 24. */
export function chilledWaterDeltaT(tons: number, gpm: number): number {
  return gpm > 0 ? (tons * 24) / gpm : 0;
}

/** Heat rejected to the condenser, tons: evaporator load plus compressor work. */
export function heatRejectedTons(tons: number, kw: number): number {
  return tons + kw / 3.517;
}
