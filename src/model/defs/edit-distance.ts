/** Levenshtein distance (insert, delete, substitute all cost 1), case-sensitive. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const sub = prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      cur[j] = Math.min(sub, prev[j] + 1, cur[j - 1] + 1);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/**
 * The candidate closest to `name` for a "did you mean" hint, or undefined when
 * nothing is within half the name's length (so hints stay plausible).
 * Ties go to the candidate that agrees case-insensitively, then to the first in
 * code-point order, so the answer is deterministic.
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.floor(name.length / 2));
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    if (c === name) continue;
    if (Math.abs(c.length - name.length) > limit) continue;
    const d = editDistance(name, c);
    // Half a point off for a case-only difference: `siteref` → `siteRef` beats `site`.
    const score = c.toLowerCase() === lower ? d - 0.5 : d;
    if (score > limit) continue;
    if (score < bestScore || (score === bestScore && best !== undefined && c < best)) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}
