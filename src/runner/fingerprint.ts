import { createHash } from 'node:crypto';

/** Bump when the engine's output for the same inputs changes, so stores refuse to mix versions. */
export const ENGINE_VERSION = 2;

/** Identifies everything that changes values: profile text, seed, interval, engine version. */
export function runFingerprint(profileText: string, seed: number, intervalMs: number): string {
  return createHash('sha256').update(`${ENGINE_VERSION}\n${seed}\n${intervalMs}\n${profileText}`).digest('hex').slice(0, 16);
}
