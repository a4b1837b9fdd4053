import { describe, expect, it } from 'vitest';
import { bisectSwitches, type SwitchSearch } from './switch-minutes.js';

const MINUTE = 60_000;
const STEP = 15 * MINUTE;
const START = 1_000 * STEP;

/** Machines that switch to `on` at their own minute after START (one switch each); input = the minute read. */
function plant(switchMin: readonly number[], on: readonly boolean[], groups: (channel: number) => number) {
  const replays: { group: number; ts: number[] }[] = [];
  const replay = (group: number, ts: Float64Array) => {
    replays.push({ group, ts: [...ts] });
    return {
      on: (c: number, k: number) => (ts[k]! >= START + switchMin[c]! * MINUTE ? on[c]! : !on[c]!),
      input: (c: number, k: number) => 100 * c + (ts[k]! - START) / MINUTE,
    };
  };
  const search = (c: number, hi = START + STEP): SwitchSearch => ({ channel: c, start: START, on: on[c]!, lo: START, hi, loInput: -1 });
  return { replays, replay, search, groups };
}

describe('switching minutes by bisection', () => {
  it('finds each minute of a 15-minute step, with the input of the minute before it, in at most four probes', () => {
    for (let m = 1; m <= 15; m++) {
      for (const on of [true, false]) {
        const p = plant([m], [on], () => 0);
        const s = p.search(0);
        bisectSwitches([s], p.groups, p.replay);
        expect(s.hi).toBe(START + m * MINUTE);
        // the last instant read in the old state: the minute before, or the grid instant itself (its sample)
        expect(s.lo).toBe(START + (m - 1) * MINUTE);
        expect(s.loInput).toBe(m === 1 ? -1 : m - 1);
        expect(p.replays.length).toBeLessThanOrEqual(4);
      }
    }
  });

  it('gives each machine the same minute batched with others as alone, one replay per group and round', () => {
    const minutes = [3, 11, 7, 14, 1, 9];
    const on = [true, false, true, true, false, false];
    const groups = (c: number) => c % 2;
    const batched = plant(minutes, on, groups);
    const searches = minutes.map((_, c) => batched.search(c));
    bisectSwitches(searches, groups, batched.replay);
    minutes.forEach((m, c) => {
      const alone = plant(minutes, on, groups);
      const s = alone.search(c);
      bisectSwitches([s], groups, alone.replay);
      expect(searches[c]).toEqual(s);
      expect(s.hi).toBe(START + m * MINUTE);
    });
    // four rounds, two groups
    expect(batched.replays.length).toBeLessThanOrEqual(8);
    for (const r of batched.replays) expect(r.ts).toEqual([...r.ts].sort((a, b) => a - b));
  });

  it('looks before an instant between whole minutes (a frame finer than a minute): the switch no later than it', () => {
    const p = plant([6], [true], () => 0);
    const s = p.search(0, START + 6.5 * MINUTE);
    bisectSwitches([s], p.groups, p.replay);
    expect(s.hi).toBe(START + 6 * MINUTE);
    const late = plant([7], [true], () => 0);
    const t = late.search(0, START + 6.5 * MINUTE);
    bisectSwitches([t], late.groups, late.replay);
    // none of the whole minutes before it reads the new state: the instant itself is the switch
    expect(t.hi).toBe(START + 6.5 * MINUTE);
    expect(t.lo).toBe(START + 6 * MINUTE);
  });
});
