/**
 * Pressure-independent VAV boxes on a duct whose static pressure is reset
 * from the boxes' dampers (trim & respond). A box passes flow in proportion
 * to its damper opening and to the square root of the static pressure at its
 * inlet; `capacityRatio` is what it passes wide open at the reset's lowest
 * static, as a share of its maximum airflow setpoint (oversized boxes and
 * boxes near the fan see more, boxes at the end of the duct less).
 */

/** The share a box's damper must open to pass `cfm` at duct static `staticIn` (0..1, capped at 1). */
export function damperOpening(cfm: number, maxCfm: number, capacityRatio: number, staticIn: number, minStaticIn: number): number {
  if (cfm <= 0) return 0;
  return Math.min(1, cfm / (maxCfm * capacityRatio * Math.sqrt(staticIn / minStaticIn)));
}

/**
 * Trim & respond in closed form: the reset trims static while every damper is
 * below the request threshold and responds while one is above it, so over a
 * few minutes it settles where the most-open damper sits near `targetOpening`.
 * `neediest` is the largest cfm / (maxCfm × capacityRatio) of the AHU's boxes.
 */
export function staticPressureReset(neediest: number, targetOpening: number, minStaticIn: number, maxStaticIn: number): number {
  const sp = minStaticIn * (neediest / targetOpening) ** 2;
  return Math.min(maxStaticIn, Math.max(minStaticIn, sp));
}
