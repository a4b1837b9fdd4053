/** A site's climate normals, the weather model's input, and what is wrong with a set of them. */

export interface WeatherNormals {
  /** mean daily high per month, °F, Jan..Dec */
  readonly monthlyHighF: readonly number[];
  /** mean daily low per month, °F */
  readonly monthlyLowF: readonly number[];
  /** mean dew point per month, °F; default: the monthly low − 8 °F */
  readonly monthlyDewPointF?: readonly number[];
  /** standard deviation of the front (synoptic) temperature anomaly averaged over the year, °F */
  readonly frontAmplitudeF: number;
  /** typical time between fronts, days (2–4 in mid-latitudes) */
  readonly frontPeriodDays: number;
  /**
   * ± share by which fronts are stronger in winter than in summer; default 0.4: mid-latitude
   * winters see about twice the day-to-day spread of summers (New York's mean coldest and warmest
   * days of January lie about 20 °F from its normals, of July about 10 °F)
   */
  readonly frontSeasonality?: number;
  /** mean cloud cover 0..1; default 0.5 */
  readonly meanCloudCover?: number;
  /** mean cloud cover 0..1 per month, for climates whose skies change with the season (a monsoon); replaces meanCloudCover */
  readonly monthlyCloudCover?: readonly number[];
  /** clouds pass the sun minute by minute (sunlit and shaded spells, a varying overcast) instead of one smooth dimming; default false */
  readonly cloudPassages?: boolean;
  /**
   * Linke turbidity per month (haze: dust, smoke, water vapour), for a clear sky through the site's own atmosphere
   * (linke-clear-sky.ts); default: the ASHRAE clear sky of one mid-latitude atmosphere
   */
  readonly monthlyLinkeTurbidity?: readonly number[];
  /** metres above sea level, for the turbid clear sky's thinner air; default 0 */
  readonly elevationM?: number;
  /** degrees, north positive */
  readonly latitude: number;
  /** degrees, east positive */
  readonly longitude: number;
}

/** New York (Central Park), NOAA 1991–2020 normals; dew points rounded from the same period; fronts as in profiles/office-tower.yaml. */
export const NEW_YORK_NORMALS: WeatherNormals = {
  monthlyHighF: [39.5, 42.2, 49.9, 61.8, 71.4, 79.7, 84.9, 83.3, 76.2, 64.5, 54.0, 44.3],
  monthlyLowF: [28, 30, 36, 46, 55, 64, 70, 69, 62, 51, 42, 34],
  monthlyDewPointF: [17, 18, 25, 35, 47, 58, 63, 63, 57, 45, 33, 23],
  frontAmplitudeF: 7.2,
  frontPeriodDays: 3,
  latitude: 40.78,
  longitude: -73.97,
};

/** Every problem with a normals object, as `field: message` strings (empty when valid). */
export function weatherNormalsProblems(n: WeatherNormals): string[] {
  const problems: string[] = [];
  const twelve = (name: string, a: readonly number[] | undefined, lo: number, hi: number): void => {
    if (a === undefined) return;
    if (!Array.isArray(a) || a.length !== 12 || a.some((v) => typeof v !== 'number' || !(v >= lo && v <= hi))) {
      problems.push(`${name}: expected 12 monthly values (Jan..Dec) between ${lo} and ${hi} °F`);
    }
  };
  twelve('monthlyHighF', n.monthlyHighF, -80, 130);
  twelve('monthlyLowF', n.monthlyLowF, -90, 110);
  twelve('monthlyDewPointF', n.monthlyDewPointF, -90, 90);
  if (problems.length === 0) {
    n.monthlyHighF.forEach((hi, m) => {
      if (hi < n.monthlyLowF[m]) problems.push(`monthlyHighF: month ${m + 1} high ${hi} is below its low ${n.monthlyLowF[m]}`);
    });
  }
  if (!(n.frontAmplitudeF >= 0 && n.frontAmplitudeF <= 30)) problems.push('frontAmplitudeF: expected 0..30 °F');
  if (!(n.frontPeriodDays >= 0.5 && n.frontPeriodDays <= 30)) problems.push('frontPeriodDays: expected 0.5..30 days');
  if (n.frontSeasonality !== undefined && !(Math.abs(n.frontSeasonality) <= 0.9)) problems.push('frontSeasonality: expected -0.9..0.9');
  if (n.meanCloudCover !== undefined && !(n.meanCloudCover >= 0 && n.meanCloudCover <= 1)) problems.push('meanCloudCover: expected 0..1');
  if (n.cloudPassages !== undefined && typeof n.cloudPassages !== 'boolean') problems.push('cloudPassages: expected true or false');
  if (n.monthlyCloudCover !== undefined && !(n.monthlyCloudCover.length === 12 && n.monthlyCloudCover.every((c) => c >= 0 && c <= 1)))
    problems.push('monthlyCloudCover: expected 12 values 0..1');
  if (
    n.monthlyLinkeTurbidity !== undefined &&
    !(n.monthlyLinkeTurbidity.length === 12 && n.monthlyLinkeTurbidity.every((t) => t >= 1 && t <= 10))
  )
    problems.push('monthlyLinkeTurbidity: expected 12 values 1..10');
  if (n.elevationM !== undefined && !(n.elevationM >= -500 && n.elevationM <= 6000)) problems.push('elevationM: expected -500..6000 m');
  if (!(Math.abs(n.latitude) <= 90)) problems.push('latitude: expected -90..90 degrees');
  if (!(Math.abs(n.longitude) <= 180)) problems.push('longitude: expected -180..180 degrees');
  return problems;
}
