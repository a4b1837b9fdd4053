/**
 * First-order lag dy/dt = (u − y)/τ over one segment of length h in which the
 * input goes linearly from `a` to `b`: the exact solution
 * y(h) = E·y0 + a·(1 − E) + (b − a)·(1 − (τ/h)(1 − E)), E = e^(−h/τ).
 * A lag over any input sampled on a grid, taken as linear between samples, is
 * this step applied segment after segment, with no error from the step size.
 */
export function lagSegment(y0: number, a: number, b: number, h: number, tau: number): number {
  if (!(h > 0)) return y0;
  const x = h / tau;
  const e = Math.exp(-x);
  return e * y0 + a * (1 - e) + (b - a) * (1 - (1 - e) / x);
}
