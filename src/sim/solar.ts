/**
 * Clear-sky solar geometry and irradiance for weather and zone solar gains.
 * Sun position: the Astronomical Almanac's low-precision formulas (≈0.01°,
 * 1950–2050), i.e. declination, right ascension and sidereal time, whose
 * difference is the equation of time folded into the hour angle.
 * Irradiance: the ASHRAE (1985 Handbook) clear-sky model, I_DN = A·exp(−B/sin β).
 */

const RAD = Math.PI / 180;
const MS_PER_DAY = 86_400_000;
/** J2000.0 (2000-01-01T12:00Z) in days since the Unix epoch */
const J2000_DAYS = 10957.5;

export interface SunPosition {
  /** degrees above the horizon (negative at night), geometric, no refraction */
  altitudeDeg: number;
  /** degrees clockwise from north (90 = east, 180 = south) */
  azimuthDeg: number;
}

/** Fills `out` with the sun's position seen from (latDeg, lonDeg; east positive) at UTC instant t. */
export function sunPosition(
  tUtcMs: number,
  latDeg: number,
  lonDeg: number,
  out: SunPosition = { altitudeDeg: 0, azimuthDeg: 0 },
): SunPosition {
  const n = tUtcMs / MS_PER_DAY - J2000_DAYS;
  const meanLon = 280.46 + 0.9856474 * n;
  const g = (357.528 + 0.9856003 * n) * RAD;
  const lambda = (meanLon + 1.915 * Math.sin(g) + 0.02 * Math.sin(2 * g)) * RAD;
  const eps = (23.439 - 0.0000004 * n) * RAD;
  const sinL = Math.sin(lambda);
  const sinDec = Math.sin(eps) * sinL;
  const cosDec = Math.sqrt(1 - sinDec * sinDec);
  const ra = Math.atan2(Math.cos(eps) * sinL, Math.cos(lambda));
  const gmstDeg = 280.46061837 + 360.98564736629 * n;
  const h = (gmstDeg + lonDeg) * RAD - ra;
  const phi = latDeg * RAD;
  const sinPhi = Math.sin(phi);
  const cosPhi = Math.cos(phi);
  const cosH = Math.cos(h);
  const sinAlt = sinPhi * sinDec + cosPhi * cosDec * cosH;
  out.altitudeDeg = Math.asin(Math.max(-1, Math.min(1, sinAlt))) / RAD;
  const az = Math.atan2(-cosDec * Math.sin(h), sinDec * cosPhi - cosDec * cosH * sinPhi) / RAD;
  out.azimuthDeg = az < 0 ? az + 360 : az;
  return out;
}

const scratch: SunPosition = { altitudeDeg: 0, azimuthDeg: 0 };

/** Solar altitude in degrees (negative below the horizon). */
export function solarAltitude(tUtcMs: number, latDeg: number, lonDeg: number): number {
  return sunPosition(tUtcMs, latDeg, lonDeg, scratch).altitudeDeg;
}

// ASHRAE clear-sky coefficients for the 21st of each month (SI): A apparent extraterrestrial
// irradiance W/m², B optical depth, C diffuse factor.
const ANCHOR_DOY = [20, 51, 79, 110, 140, 171, 201, 232, 263, 293, 324, 354];
const COEF_A = [1230, 1215, 1186, 1136, 1104, 1088, 1085, 1107, 1151, 1192, 1221, 1233];
const COEF_B = [0.142, 0.144, 0.156, 0.18, 0.196, 0.205, 0.207, 0.201, 0.177, 0.16, 0.149, 0.142];
const COEF_C = [0.058, 0.06, 0.071, 0.097, 0.121, 0.134, 0.136, 0.122, 0.092, 0.073, 0.063, 0.057];
const YEAR_DAYS = 365.2425;

/** Interpolates the monthly coefficients (periodically) at t; writes A, B, C into coef[0..2]. */
function coefficients(tUtcMs: number, coef: Float64Array): void {
  const d = tUtcMs / MS_PER_DAY - 10957; // days since 2000-01-01
  const doy = d - Math.floor(d / YEAR_DAYS) * YEAR_DAYS;
  let i = 11;
  while (i >= 0 && ANCHOR_DOY[i] > doy) i--;
  // i = anchor at or before doy (−1 → wrap to December of the year before)
  const i0 = i < 0 ? 11 : i;
  const i1 = (i0 + 1) % 12;
  const d0 = i < 0 ? ANCHOR_DOY[11] - YEAR_DAYS : ANCHOR_DOY[i0];
  const d1 = i0 === 11 ? ANCHOR_DOY[0] + YEAR_DAYS : ANCHOR_DOY[i1];
  const f = (doy - d0) / (d1 - d0);
  coef[0] = COEF_A[i0] + (COEF_A[i1] - COEF_A[i0]) * f;
  coef[1] = COEF_B[i0] + (COEF_B[i1] - COEF_B[i0]) * f;
  coef[2] = COEF_C[i0] + (COEF_C[i1] - COEF_C[i0]) * f;
}

const coef = new Float64Array(3);

/** Clear-sky global irradiance on a horizontal surface, W/m² (0 with the sun down). */
export function clearSkyHorizontal(tUtcMs: number, latDeg: number, lonDeg: number): number {
  const sinBeta = Math.sin(solarAltitude(tUtcMs, latDeg, lonDeg) * RAD);
  if (sinBeta <= 0) return 0;
  coefficients(tUtcMs, coef);
  const dn = coef[0] * Math.exp(-coef[1] / sinBeta);
  return dn * (sinBeta + coef[2]);
}

export interface ClearSkyIrradiance {
  /** direct normal, W/m² */
  directNormal: number;
  /** diffuse on a horizontal surface, W/m² */
  diffuseHorizontal: number;
  /** global (direct + diffuse) on a horizontal surface, W/m² */
  horizontal: number;
  /** total (direct + sky diffuse + ground-reflected) on vertical facades facing N/E/S/W, W/m² */
  north: number;
  east: number;
  south: number;
  west: number;
}

/** Ground reflectance for the ground-reflected share on facades (grass/concrete mix). */
const GROUND_REFLECTANCE = 0.2;

function facade(dn: number, c: number, horizontal: number, cosBeta: number, sunAz: number, facingDeg: number): number {
  const cosTheta = cosBeta * Math.cos((sunAz - facingDeg) * RAD);
  // ASHRAE sky-diffuse ratio Y for vertical surfaces
  const y = Math.max(0.45, 0.55 + 0.437 * cosTheta + 0.313 * cosTheta * cosTheta);
  return dn * Math.max(0, cosTheta) + y * c * dn + 0.5 * GROUND_REFLECTANCE * horizontal;
}

/** Clear-sky irradiance at t on the horizontal and on the four cardinal facades (all 0 at night). */
export function clearSkyIrradiance(
  tUtcMs: number,
  latDeg: number,
  lonDeg: number,
  out: ClearSkyIrradiance = { directNormal: 0, diffuseHorizontal: 0, horizontal: 0, north: 0, east: 0, south: 0, west: 0 },
): ClearSkyIrradiance {
  const sun = sunPosition(tUtcMs, latDeg, lonDeg, scratch);
  const beta = sun.altitudeDeg * RAD;
  const sinBeta = Math.sin(beta);
  if (sinBeta <= 0) {
    out.directNormal = out.diffuseHorizontal = out.horizontal = out.north = out.east = out.south = out.west = 0;
    return out;
  }
  coefficients(tUtcMs, coef);
  const dn = coef[0] * Math.exp(-coef[1] / sinBeta);
  const c = coef[2];
  const cosBeta = Math.cos(beta);
  out.directNormal = dn;
  out.diffuseHorizontal = c * dn;
  out.horizontal = dn * (sinBeta + c);
  out.north = facade(dn, c, out.horizontal, cosBeta, sun.azimuthDeg, 0);
  out.east = facade(dn, c, out.horizontal, cosBeta, sun.azimuthDeg, 90);
  out.south = facade(dn, c, out.horizontal, cosBeta, sun.azimuthDeg, 180);
  out.west = facade(dn, c, out.horizontal, cosBeta, sun.azimuthDeg, 270);
  return out;
}

export interface SolarColumns {
  horizontal: Float64Array;
  north: Float64Array;
  east: Float64Array;
  south: Float64Array;
  west: Float64Array;
}

/** clearSkyIrradiance for a column of instants (W/m²). */
export function fillClearSky(timestamps: Float64Array, latDeg: number, lonDeg: number, out: SolarColumns): void {
  const v: ClearSkyIrradiance = { directNormal: 0, diffuseHorizontal: 0, horizontal: 0, north: 0, east: 0, south: 0, west: 0 };
  for (let k = 0; k < timestamps.length; k++) {
    clearSkyIrradiance(timestamps[k], latDeg, lonDeg, v);
    out.horizontal[k] = v.horizontal;
    out.north[k] = v.north;
    out.east[k] = v.east;
    out.south[k] = v.south;
    out.west[k] = v.west;
  }
}
