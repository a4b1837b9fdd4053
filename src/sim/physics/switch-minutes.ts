const MINUTE = 60_000;

/**
 * A start or stop looked for on the whole minutes after grid instant `start`: at `lo` the machine read its old
 * state, at `hi` its new one (`on`). When no whole minute lies between them, `hi` is the switching instant and
 * `loInput` the channel's steady input at `lo`, the last instant read in the old state.
 */
export interface SwitchSearch {
  readonly channel: number;
  readonly start: number;
  readonly on: boolean;
  lo: number;
  hi: number;
  loInput: number;
}

/** A replay at some instants: each channel's run status and steady input at the k-th. */
export interface Probe {
  on(channel: number, k: number): boolean;
  input(channel: number, k: number): number;
}

/** The whole minute halfway between a search's `lo` and `hi`, or NaN once none lies between them. */
function midMinute(s: SwitchSearch): number {
  const mLo = Math.round((s.lo - s.start) / MINUTE);
  const mHi = Math.ceil((s.hi - s.start) / MINUTE);
  return mHi - mLo > 1 ? s.start + ((mLo + mHi) >> 1) * MINUTE : Number.NaN;
}

/**
 * Bisects every search to its switching minute: about four probes over a 15-minute step instead of a replay of
 * each minute. A round probes every unfinished search's midpoint, each group's in one replay (`replay(group, ts)`,
 * ts ascending); a search's answer depends on its own probes only, whichever others share the rounds. With one
 * start or stop between `lo` and `hi` it is that one's minute; with several (a machine cycling within the step),
 * one of them.
 */
export function bisectSwitches(
  searches: readonly SwitchSearch[],
  groupOf: (channel: number) => number,
  replay: (group: number, ts: Float64Array) => Probe,
): void {
  for (;;) {
    const byGroup = new Map<number, SwitchSearch[]>();
    for (const s of searches) {
      if (Number.isNaN(midMinute(s))) continue;
      const g = groupOf(s.channel);
      const list = byGroup.get(g);
      if (list) list.push(s);
      else byGroup.set(g, [s]);
    }
    if (byGroup.size === 0) return;
    for (const [group, list] of byGroup) {
      const mids = list.map(midMinute);
      const ts = Float64Array.from(new Set(mids)).sort();
      const probe = replay(group, ts);
      list.forEach((s, n) => {
        const k = ts.indexOf(mids[n]!);
        if (probe.on(s.channel, k) === s.on) s.hi = mids[n]!;
        else {
          s.lo = mids[n]!;
          s.loInput = probe.input(s.channel, k);
        }
      });
    }
  }
}
