import { smoothNoise, uniform } from '../../random/rng.js';

const MINUTE = 60_000;

/**
 * Where a fan or pump of fixed duty actually runs, as a factor on its shaft power: units of one rating differ by
 * a few per cent (impeller trim, pulleys, the system each is piped or ducted into), and each one's operating point
 * wanders with its system's resistance (strainers and filters loading, valves and dampers elsewhere moving, a
 * tower basin's level): about ±1 % over tens of minutes and a few tenths minute to minute. Without it a
 * constant-speed machine's meter reads the same kW for days, and two units of one rating the same value.
 */
export function operatingPoint(seed: number, key: number, t: number): number {
  const unit = 0.08 * (uniform(seed, key ^ 0x0b7a, 0) - 0.5);
  return 1 + unit + 0.012 * smoothNoise(seed, key ^ 0x0b7b, t, 40 * MINUTE) + 0.004 * smoothNoise(seed, key ^ 0x0b7c, t, 4 * MINUTE);
}
