/**
 * Clear-sky global horizontal irradiance through a hazy atmosphere: the Ineichen–Perez model (Solar Energy 73,
 * 2002), whose one atmospheric input is the Linke turbidity T_L, the number of clean dry atmospheres that would
 * attenuate the beam as much as the real one with its aerosol and water vapour (about 2 in clean winter air, 4–6
 * in India's dusty pre-monsoon months). The ASHRAE model in solar.ts fixes one mid-latitude atmosphere.
 */
import { solarAltitude } from './solar.js';

const RAD = Math.PI / 180;
const MS_PER_DAY = 86_400_000;
/** solar constant, W/m² */
const SOLAR_CONSTANT = 1367;

/** Clear-sky global horizontal irradiance, W/m² (0 with the sun down), at a site `elevationM` above sea level. */
export function linkeClearSkyHorizontal(
  tUtcMs: number,
  latDeg: number,
  lonDeg: number,
  linkeTurbidity: number,
  elevationM: number,
): number {
  const altitude = solarAltitude(tUtcMs, latDeg, lonDeg);
  if (altitude <= 0) return 0;
  const cosZenith = Math.sin(altitude * RAD);
  // Kasten–Young relative air mass, then the thinner column above the site
  const airMass = 1 / (cosZenith + 0.50572 * (6.07995 + altitude) ** -1.6364);
  const absoluteAirMass = airMass * Math.exp(-elevationM / 8434.5);
  const dayAngle = ((2 * Math.PI) / 365.2425) * (tUtcMs / MS_PER_DAY);
  // the Earth–Sun distance: 3.3 % more at perihelion (early January) than its mean
  const extraterrestrial = SOLAR_CONSTANT * (1 + 0.033 * Math.cos(dayAngle - (2 * Math.PI * 3) / 365.2425));
  const fh1 = Math.exp(-elevationM / 8000);
  const fh2 = Math.exp(-elevationM / 1250);
  const cg1 = 5.09e-5 * elevationM + 0.868;
  const cg2 = 3.92e-5 * elevationM + 0.0387;
  return cg1 * extraterrestrial * cosZenith * Math.exp(-cg2 * absoluteAirMass * (fh1 + fh2 * (linkeTurbidity - 1)));
}
