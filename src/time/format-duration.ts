import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from './clock.js';

const UNITS: readonly [number, string][] = [
  [MS_PER_DAY, 'd'],
  [MS_PER_HOUR, 'h'],
  [MS_PER_MINUTE, 'min'],
  [1000, 's'],
];

/** A duration as people write it: `1 s`, `15 min`, `1 h`, `90 min`, `7 d` (the largest unit that divides it). */
export function formatDuration(ms: number): string {
  const unit = UNITS.find(([size]) => ms >= size && ms % size === 0);
  return unit ? `${ms / unit[0]} ${unit[1]}` : `${ms} ms`;
}
