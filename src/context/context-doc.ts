import { ArgsError } from '../errors.js';

/** One line of a context that may be left out to fit a budget; lower ranks are kept first. */
export interface ContextItem {
  readonly text: string;
  readonly rank: number;
}

/**
 * A context before rendering: lines always kept (what it is about, the period, totals) and the lines a
 * budget may drop, each with its rank. Rendering keeps items in their own order, whichever survive.
 */
export interface ContextDoc {
  readonly head: readonly string[];
  readonly items: readonly ContextItem[];
  /** what an item is, plural, for the note on what a budget left out (`sample points`) */
  readonly noun: string;
}

/** A rendered context: its text, its size in tokens when measured, and how many items a budget dropped. */
export interface ContextText {
  readonly text: string;
  /** o200k_base tokens (GPT-4o's encoding), measured when a budget was given */
  readonly tokens: number | null;
  readonly omitted: number;
}

/** Tokens counted with o200k_base, loaded on first use (its ranks are a large module). */
async function tokenCounter(): Promise<(text: string) => number> {
  const { countTokens } = await import('gpt-tokenizer/encoding/o200k_base');
  return countTokens;
}

function render(doc: ContextDoc, keep: number): { text: string; omitted: number } {
  const kept = new Set(
    doc.items
      .map((item, i) => ({ rank: item.rank, i }))
      .sort((a, b) => a.rank - b.rank || a.i - b.i)
      .slice(0, keep)
      .map((x) => x.i),
  );
  const lines = [...doc.head, ...doc.items.filter((_, i) => kept.has(i)).map((item) => item.text)];
  const omitted = doc.items.length - kept.size;
  if (omitted > 0) lines.push(`(${omitted} more ${doc.noun} left out to fit the token budget)`);
  return { text: `${lines.join('\n')}\n`, omitted };
}

/**
 * The context as text; with a budget, the most items (by rank) whose text, measured with the tokenizer,
 * stays within it. The same doc and budget always give the same text.
 */
export async function renderContext(doc: ContextDoc, budget?: number): Promise<ContextText> {
  const full = render(doc, doc.items.length);
  if (budget === undefined) return { ...full, tokens: null };
  const count = await tokenCounter();
  const tokens = count(full.text);
  if (tokens <= budget) return { ...full, tokens };
  // tokens grow with the items kept: the largest count that fits, by bisection
  let [lo, hi] = [0, doc.items.length - 1];
  let best: { text: string; omitted: number; tokens: number } | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = render(doc, mid);
    const n = count(r.text);
    if (n <= budget) {
      best = { ...r, tokens: n };
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (!best)
    throw new ArgsError(`--budget ${budget}: too small; this context needs ${count(render(doc, 0).text)} tokens before any detail`);
  return best;
}

/** A token budget: a whole number 1 … 1,000,000. */
export function parseBudget(value: unknown): number {
  const n = typeof value === 'number' ? value : /^\d+$/.test(String(value)) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > 1_000_000)
    throw new ArgsError(`--budget ${JSON.stringify(value)}: expected a whole number of tokens 1–1000000`);
  return n;
}
