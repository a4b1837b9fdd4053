/**
 * Fan or pump power at a flow fraction: the affinity law's cube, softened to
 * an exponent of 2.6 by the static pressure the duct reset keeps, plus a
 * small fixed loss.
 */
export function affinityPowerKw(designKw: number, flowFraction: number, exponent = 2.6): number {
  if (flowFraction <= 0) return 0;
  return designKw * (0.04 + 0.96 * Math.min(1.1, flowFraction) ** exponent);
}
