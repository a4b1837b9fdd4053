/**
 * Occupancy fraction at a local hour from (hour, fraction) knots, joined by
 * smoothstep so arrivals and departures ramp instead of jumping.
 */
export function occupancyAt(knots: readonly (readonly [number, number])[], hour: number): number {
  if (hour <= knots[0]![0]) return knots[0]![1];
  for (let i = 1; i < knots.length; i++) {
    const [h1, v1] = knots[i]!;
    if (hour <= h1) {
      const [h0, v0] = knots[i - 1]!;
      const x = (hour - h0) / (h1 - h0);
      return v0 + (v1 - v0) * x * x * (3 - 2 * x);
    }
  }
  return knots[knots.length - 1]![1];
}
