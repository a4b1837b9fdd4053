/**
 * Occupancy fraction at a local hour from (hour, fraction) knots, joined by
 * smoothstep so arrivals and departures ramp instead of jumping.
 */
export function occupancyAt(knots: readonly (readonly [number, number])[], hour: number): number {
  if (hour <= knots[0]![0]) return knots[0]![1];
  for (let i = 1; i < knots.length; i++) {
    const k1 = knots[i]!;
    if (hour <= k1[0]) {
      const k0 = knots[i - 1]!;
      const x = (hour - k0[0]) / (k1[0] - k0[0]);
      return k0[1] + (k1[1] - k0[1]) * x * x * (3 - 2 * x);
    }
  }
  return knots[knots.length - 1]![1];
}
