/**
 * Outdoor weather as a pure function of (normals, seed, instant): climate
 * normals interpolated smoothly through the year, an asymmetric diurnal curve
 * tied to the sun (minimum just after sunrise, maximum mid-afternoon), multi-day
 * fronts from smooth noise (twice as strong in winter as in summer), a dew
 * point that follows the fronts partly, flattens below a humid ceiling and dips
 * on sunny afternoons, RH from the Magnus formula, and cloud cover (thinner in
 * warm spells, averaging its normal) that dims the sun and damps the diurnal range, and optionally passes the sun
 * minute by minute. The diurnal clock is local mean solar time (UTC + longitude),
 * because weather follows the sun, not the DST-shifted wall clock.
 */
import { ProfileError } from '../errors.js';
import type { SiteSpec } from '../model/topology.js';
import { FractalTrack, NoiseTrack, hashString, mix } from '../random/rng.js';
import { linkeClearSkyHorizontal } from './linke-clear-sky.js';
import { clearSkyHorizontal } from './solar.js';
import { type WeatherNormals, weatherNormalsProblems } from './weather-normals.js';

/** Output columns of WeatherModel.fill, one entry per timestamp. */
export interface WeatherColumns {
  dryBulbF: Float64Array;
  dewPointF: Float64Array;
  /** % */
  relHumidity: Float64Array;
  /** 0..1 */
  cloudCover: Float64Array;
  /** global horizontal irradiance, W/m² */
  solarGlobal: Float64Array;
}

export function allocWeatherColumns(n: number): WeatherColumns {
  return {
    dryBulbF: new Float64Array(n),
    dewPointF: new Float64Array(n),
    relHumidity: new Float64Array(n),
    cloudCover: new Float64Array(n),
    solarGlobal: new Float64Array(n),
  };
}

const MS_PER_DAY = 86_400_000;
const YEAR_DAYS = 365.2425;
const MONTH_SPAN = 365 / 12;
const MONTH_STARTS = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];
const RAD = Math.PI / 180;
const DEFAULT_FRONT_SEASONALITY = 0.4;
const HIGH_OVERSHOOT = 0.07;
const LOW_OVERSHOOT = 0.24;
// the humid tail is bounded: air reaching a site was last saturated over the warmest sea it
// crossed, so dew points flatten towards a ceiling a few degrees above the warmest month's mean
// (New York: July mean 63 °F, hourly values rarely above 75, extremes near 80) instead of
// following the fronts without limit
const DEW_KNEE_ABOVE_WARMEST = 8;
const DEW_SOFTNESS = 8;
/** afternoon dew-point dip as a share of the diurnal range (2–3 °F on a sunny summer day) */
const AFTERNOON_DEW_DIP = 0.3;
const MEAN_DIP_SHARE = 0.12;
// shares of cloud-cover variance of its own noise and of the front (CLOUD_OWN² + CLOUD_FRONT² = 1)
const CLOUD_FRONT = 0.6;
const CLOUD_OWN = 0.8;
/** spread of cloud cover about its centre before it is clipped to 0..1 (its noise has unit standard deviation) */
const CLOUD_SPREAD = 0.38;
/** diurnal range per unit of cloud cover: overcast days swing about half as much as clear ones */
const CLOUD_RANGE = 0.8;
const K_FRONT = hashString('weather.front');
const K_DEW = hashString('weather.dewPoint');
const K_CLOUD = hashString('weather.cloud');
const K_WIGGLE = hashString('weather.wiggle');
const K_PASSAGE = hashString('weather.cloudPassage');
const K_THICKNESS = hashString('weather.cloudThickness');
// Minute-scale sun. A sky of cover C passes 1 − 0.75·C^3.4 of the clear-sky irradiance on average (Kasten–Czeplak);
// at 1 minute the sun is either out (clear sky) or behind cloud, which passes SHADE of it. Pune's July shows the
// split: 0.59 of clear sky (IMD's 16.6 MJ/m² against a clear sky's 28) with bright sunshine 3.7 h of 13 gives a
// shade of (0.59 − 0.28)/(1 − 0.28) ≈ 0.4. Heavier overcast (mean below SHADE) is all shade.
const SHADE = 0.4;
/** softness of a cloud edge in units of the passage noise: the sun goes in or out over a minute or two */
const CLOUD_EDGE = 0.06;
/** lognormal spread of the shade's transmittance (thicker and thinner cloud) */
const SHADE_SPREAD = 0.3;

/** Day of the (365-day) year at a local solar time given in days since the Unix epoch. */
function yearDayOf(solarDays: number): number {
  const sinceY2k = solarDays - 10957;
  return (sinceY2k - Math.floor(sinceY2k / YEAR_DAYS) * YEAR_DAYS) * (365 / YEAR_DAYS);
}

/** Periodic Catmull-Rom through 12 anchors at mid-"month" (uniform 365/12-day spacing). */
function annualCurve(anchors: Float64Array, yearDay: number): number {
  const u = yearDay / MONTH_SPAN - 0.5;
  const i = Math.floor(u);
  const f = u - i;
  const p0 = anchors[(i + 11) % 12];
  const p1 = anchors[(i + 12) % 12];
  const p2 = anchors[(i + 13) % 12];
  const p3 = anchors[(i + 14) % 12];
  return p1 + 0.5 * f * (p2 - p0 + f * (2 * p0 - 5 * p1 + 4 * p2 - p3 + f * (3 * (p1 - p2) + p3 - p0)));
}

/** Anchors whose curve averages exactly to each calendar month's normal (a few fixed-point steps). */
function fitAnchors(monthly: readonly number[]): Float64Array {
  const anchors = Float64Array.from(monthly);
  for (let iter = 0; iter < 8; iter++) {
    for (let m = 0; m < 12; m++) {
      let sum = 0;
      let count = 0;
      for (let d = MONTH_STARTS[m] + 0.125; d < MONTH_STARTS[m + 1]; d += 0.25, count++) sum += annualCurve(anchors, d);
      anchors[m] += monthly[m] - sum / count;
    }
  }
  return anchors;
}

/** Mean of clamp(centre + CLOUD_SPREAD·z, 0, 1) for standard normal z (midpoint rule over ±4 σ, symmetric nodes). */
function clippedCloudMean(centre: number): number {
  let sum = 0;
  let weight = 0;
  for (let i = -80; i <= 80; i++) {
    const z = i / 20;
    const w = Math.exp(-0.5 * z * z);
    sum += w * Math.max(0, Math.min(1, centre + CLOUD_SPREAD * z));
    weight += w;
  }
  return sum / weight;
}

/**
 * The centre whose clipped cloud cover averages `mean`. Clipping at 0 raises a clear sky's mean and clipping at 1
 * lowers an overcast one's, so without this shift Pune's January sky averaged 0.27 for a normal of 0.15 (and its
 * days, whose range narrows with cloud, ran 1 K short of their normal high) and its July 0.78 for 0.88.
 * A sky of mean 0.5 is clipped equally at both ends and keeps its centre (the first bisection step is 0).
 */
function cloudCentre(mean: number): number {
  let lo = -0.5;
  let hi = 0.5;
  for (let iter = 0; iter < 40; iter++) {
    const shift = 0.5 * (lo + hi);
    const error = clippedCloudMean(mean + shift) - mean;
    if (Math.abs(error) < 1e-6) return mean + shift;
    if (error > 0) hi = shift;
    else lo = shift;
  }
  return mean + 0.5 * (lo + hi);
}

/**
 * The clear-sky share at one instant of a sky whose mean share is `mean`: the sun is out (edge noise above a
 * threshold that keeps the mean, with soft edges) or behind cloud of a thickness of its own. Φ⁻¹ is the logistic
 * approximation (within 0.01 in probability).
 */
function passing(mean: number, edge: number, thickness: number): number {
  const shade = Math.min(SHADE, mean);
  const sunlit = Math.max(1e-3, Math.min(1 - 1e-3, (mean - shade) / (1 - shade)));
  const threshold = Math.log((1 - sunlit) / sunlit) / 1.702;
  const out = 1 / (1 + Math.exp(-(edge - threshold) / CLOUD_EDGE));
  const cloudy = Math.min(1, shade * Math.exp(SHADE_SPREAD * thickness - 0.5 * SHADE_SPREAD * SHADE_SPREAD));
  return cloudy + (1 - cloudy) * out;
}

export class WeatherModel {
  private readonly high: Float64Array;
  private readonly low: Float64Array;
  private readonly dew: Float64Array;
  // memoized noise tracks (values depend only on t; see NoiseTrack)
  private readonly frontNoise: FractalTrack;
  private readonly dewNoise: FractalTrack;
  private readonly cloudNoise: FractalTrack;
  private readonly wiggleNoise: NoiseTrack;
  /** where the cloud edges are, and how thick the cloud is, when clouds pass the sun */
  private readonly passage: { edges: FractalTrack; thickness: NoiseTrack } | undefined;
  private readonly lat: number;
  private readonly lon: number;
  private readonly tanLat: number;
  private readonly frontAmp: number;
  private readonly frontSeason: number;
  private readonly meanCloud: number;
  /** centre of the clipped cloud cover that averages meanCloud */
  private readonly cloudCentre: number;
  /** the monthly cloud normals' smooth annual curve, when the profile gives them */
  private readonly cloudCurve: Float64Array | undefined;
  /** the annual curve of the centres that average to cloudCurve */
  private readonly cloudCentreCurve: Float64Array | undefined;
  private readonly dewKnee: number;
  /** the monthly Linke turbidities' smooth annual curve, when the profile gives them */
  private readonly turbidityCurve: Float64Array | undefined;
  private readonly elevationM: number;

  constructor(normals: WeatherNormals, seed: number) {
    const problems = weatherNormalsProblems(normals);
    if (problems.length > 0) {
      throw new ProfileError(
        'PROFILE_INVALID',
        `invalid weather normals: ${problems.join('; ')}`,
        problems.map((p) => ({ location: '', path: `weather.${p.slice(0, p.indexOf(':'))}`, message: p.slice(p.indexOf(':') + 2) })),
      );
    }
    this.frontAmp = normals.frontAmplitudeF;
    // fronts are strongest in local winter: mid-January north, mid-July south
    this.frontSeason = (normals.frontSeasonality ?? DEFAULT_FRONT_SEASONALITY) * (normals.latitude < 0 ? -1 : 1);
    // fronts move the temperature within a day too, so the day's extremes overshoot the smooth
    // curve's: the hottest hour lands above it and the coldest below (midnight after a cold
    // front, say); fitted shifts of c·A²/range pull the curve in so mean highs and lows match
    const overshoot = (m: number, c: number): number => {
      const range = normals.monthlyHighF[m] - normals.monthlyLowF[m];
      const amp = normals.frontAmplitudeF * (1 + this.seasonal(MONTH_STARTS[m] + 15));
      return Math.min((c * amp * amp) / Math.max(range, 4), 0.3 * range);
    };
    this.high = fitAnchors(normals.monthlyHighF.map((high, m) => high - overshoot(m, HIGH_OVERSHOOT)));
    this.low = fitAnchors(normals.monthlyLowF.map((low, m) => low + overshoot(m, LOW_OVERSHOOT)));
    const dewNormals = normals.monthlyDewPointF ?? normals.monthlyLowF.map((v) => v - 8);
    // the afternoon dip averages about 0.12 of its peak over a day; add it back so the mean holds
    this.dew = fitAnchors(
      dewNormals.map((d, m) => d + MEAN_DIP_SHARE * AFTERNOON_DEW_DIP * (normals.monthlyHighF[m] - normals.monthlyLowF[m])),
    );
    this.dewKnee = Math.max(...dewNormals) + DEW_KNEE_ABOVE_WARMEST;
    const s = mix(seed >>> 0, Math.floor(seed / 4294967296));
    const frontMs = normals.frontPeriodDays * MS_PER_DAY;
    // octaves at 2P, P, P/2, P/4: multi-day spells plus a day-to-day/mean-anomaly ratio near 0.7, as observed
    this.frontNoise = new FractalTrack(s, K_FRONT, 2 * frontMs, 4, 0.9);
    this.dewNoise = new FractalTrack(s, K_DEW, 2 * frontMs, 2, 0.5);
    this.cloudNoise = new FractalTrack(s, K_CLOUD, 1.5 * MS_PER_DAY, 2, 0.6);
    this.wiggleNoise = new NoiseTrack(s, K_WIGGLE, 3 * 3_600_000);
    // cumulus some hundreds of metres across drift past in 5–30 minutes
    this.passage = normals.cloudPassages
      ? { edges: new FractalTrack(s, K_PASSAGE, 30 * 60_000, 4, 0.8), thickness: new NoiseTrack(s, K_THICKNESS, 10 * 60_000) }
      : undefined;
    this.lat = normals.latitude;
    this.lon = normals.longitude;
    this.tanLat = Math.tan(Math.max(-89, Math.min(89, normals.latitude)) * RAD);
    this.meanCloud = normals.meanCloudCover ?? 0.5;
    this.cloudCentre = cloudCentre(this.meanCloud);
    this.cloudCurve = normals.monthlyCloudCover ? fitAnchors(normals.monthlyCloudCover) : undefined;
    this.cloudCentreCurve = this.cloudCurve?.map(cloudCentre);
    this.turbidityCurve = normals.monthlyLinkeTurbidity ? fitAnchors(normals.monthlyLinkeTurbidity) : undefined;
    this.elevationM = normals.elevationM ?? 0;
  }

  /** Global horizontal irradiance under a cloudless sky at t, W/m² (0 at night): what the site's haze lets through. */
  clearSky(t: number): number {
    return this.clearSkyOn(t, yearDayOf(t / MS_PER_DAY + this.lon / 360));
  }

  private clearSkyOn(t: number, yearDay: number): number {
    if (!this.turbidityCurve) return clearSkyHorizontal(t, this.lat, this.lon);
    return linkeClearSkyHorizontal(t, this.lat, this.lon, annualCurve(this.turbidityCurve, yearDay), this.elevationM);
  }

  /** Relative excess of front strength on a day of the year over its annual mean (− in summer). */
  private seasonal(yearDay: number): number {
    return this.frontSeason * Math.cos((2 * Math.PI * (yearDay - 15)) / 365);
  }

  /** Weather at every timestamp (UTC epoch ms); each element depends only on its own timestamp. */
  fill(timestamps: Float64Array, out: WeatherColumns): void {
    for (let k = 0; k < timestamps.length; k++) this.compute(timestamps[k], k, out);
  }

  private compute(t: number, k: number, out: WeatherColumns): void {
    // local mean solar time
    const solarDays = t / MS_PER_DAY + this.lon / 360;
    const solarHour = (solarDays - Math.floor(solarDays)) * 24;
    const yearDay = yearDayOf(solarDays);

    // sunrise from the declination: cos H0 = −tan φ · tan δ
    const decl = 23.44 * RAD * Math.sin((2 * Math.PI * (yearDay - 80)) / 365);
    const cosH0 = Math.max(-1, Math.min(1, -this.tanLat * Math.tan(decl)));
    const halfDayHours = Math.acos(cosH0) / (15 * RAD);
    const hMin = Math.max(3, Math.min(9, 12 - halfDayHours + 0.2));
    const hMax = Math.max(13, Math.min(16, 14.3 + 0.1 * (2 * halfDayHours - 12)));
    let shape: number;
    if (solarHour >= hMin && solarHour <= hMax) {
      shape = -0.5 * Math.cos((Math.PI * (solarHour - hMin)) / (hMax - hMin));
    } else {
      // evening/night: a fall that is quick after the peak and slow before dawn
      const h = solarHour < hMin ? solarHour + 24 : solarHour;
      const x = (h - hMax) / (hMin + 24 - hMax);
      shape = 0.5 * Math.cos(Math.PI * x ** 0.7);
    }

    const front = this.frontNoise.at(t);
    // warm spells are sunnier (subsiding air under a ridge), cool spells cloudier (troughs, rain):
    // so the diurnal range widens when it is warm and narrows when it is cool, which makes the
    // daily high swing more than the nightly low, most visibly in summer
    const cloudiness = CLOUD_OWN * this.cloudNoise.at(t) - CLOUD_FRONT * front;
    // a season's own sky (clear in a dry season, overcast in a monsoon) widens or narrows the days around it less
    const meanCloud = this.cloudCurve ? Math.max(0, Math.min(1, annualCurve(this.cloudCurve, yearDay))) : this.meanCloud;
    const centre = this.cloudCentreCurve ? annualCurve(this.cloudCentreCurve, yearDay) : this.cloudCentre;
    const cloud = Math.max(0, Math.min(1, centre + CLOUD_SPREAD * cloudiness));
    const rangeFactor = 1 - CLOUD_RANGE * (cloud - meanCloud);
    const high = annualCurve(this.high, yearDay);
    const low = annualCurve(this.low, yearDay);
    const seasonal = this.seasonal(yearDay);
    const amp = this.frontAmp * (1 + seasonal);
    const wiggle = 0.4 * this.wiggleNoise.at(t);
    const dryBulb = 0.5 * (high + low) + (high - low) * rangeFactor * shape + amp * front + wiggle;

    // dew point: steady through the day, follows the fronts partly (warm sectors are humid), and
    // dips on sunny afternoons when the heated boundary layer mixes drier air down from aloft
    const ownDew = this.dewNoise.at(t);
    // humidity swings between continental and maritime air in every season, so its spread
    // follows the fronts' with half their seasonality
    const dewAmp = this.frontAmp * (1 + 0.5 * seasonal);
    const dewRaw = annualCurve(this.dew, yearDay) + 0.9 * (0.6 * amp * front + 0.8 * dewAmp * ownDew);
    const humid = dewRaw > this.dewKnee ? this.dewKnee + DEW_SOFTNESS * Math.tanh((dewRaw - this.dewKnee) / DEW_SOFTNESS) : dewRaw;
    const mixing = AFTERNOON_DEW_DIP * (high - low) * rangeFactor * Math.max(0, shape);
    const dew = Math.min(humid - mixing, dryBulb - 0.5);

    const tc = ((dryBulb - 32) * 5) / 9;
    const dc = ((dew - 32) * 5) / 9;
    const rh = 100 * Math.exp((17.62 * dc) / (243.12 + dc) - (17.62 * tc) / (243.12 + tc));

    out.dryBulbF[k] = dryBulb;
    out.dewPointF[k] = dew;
    out.relHumidity[k] = Math.min(100, rh);
    out.cloudCover[k] = cloud;
    // Kasten–Czeplak cloud attenuation
    const clearSkyIndex = 1 - 0.75 * cloud ** 3.4;
    out.solarGlobal[k] =
      this.clearSkyOn(t, yearDay) *
      (this.passage ? passing(clearSkyIndex, this.passage.edges.at(t), this.passage.thickness.at(t)) : clearSkyIndex);
  }
}

/** The weather at a site (its climate normals at its latitude and longitude): the same series for a seed wherever it is built. */
export function siteWeather(site: SiteSpec, seed: number): WeatherModel {
  return new WeatherModel({ ...site.weather, latitude: site.site.latitude, longitude: site.site.longitude }, seed);
}
