/** Humidity ratio (lb water / lb dry air) at sea level from dew point, °F. */
export function humidityRatio(dewPointF: number): number {
  return saturationHumidityRatio(((dewPointF - 32) * 5) / 9);
}

/** Humidity ratio of saturated air (kg/kg, the same as lb/lb) at `tc` °C and sea-level pressure. */
export function saturationHumidityRatio(tc: number): number {
  const pv = 0.61094 * Math.exp((17.625 * tc) / (tc + 243.04)); // kPa, Magnus
  return (0.621945 * pv) / (101.325 - pv);
}

/**
 * Wet-bulb temperature, °F, from dry bulb and relative humidity (Stull 2011
 * fit, valid for RH 5–99 % and −20…50 °C; error under 1 °C).
 */
export function wetBulbF(dryBulbF: number, relHumidity: number): number {
  const t = ((dryBulbF - 32) * 5) / 9;
  const rh = Math.min(99, Math.max(5, relHumidity));
  const tw =
    t * Math.atan(0.151977 * Math.sqrt(rh + 8.313659)) +
    Math.atan(t + rh) -
    Math.atan(rh - 1.676331) +
    0.00391838 * rh ** 1.5 * Math.atan(0.023101 * rh) -
    4.686035;
  return Math.min(dryBulbF, (tw * 9) / 5 + 32);
}
