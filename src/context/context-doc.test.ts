import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { expect, it } from 'vitest';
import { type ContextDoc, renderContext } from './context-doc.js';

const doc: ContextDoc = {
  head: ['Trend of x (kW):'],
  items: Array.from({ length: 40 }, (_, i) => ({
    text: `2025-07-14T${String(i % 24).padStart(2, '0')}:00Z ${(i * 1.25).toFixed(2)}`,
    rank: 39 - i,
  })),
  noun: 'points',
};
const note = (n: number) => `(${n} more points left out to fit the token budget)`;

it('keeps the lowest ranks in their own order, as many as the measured budget allows', async () => {
  const full = await renderContext(doc);
  expect(full).toMatchObject({ tokens: null, omitted: 0 });
  expect(full.text.split('\n')).toHaveLength(42);
  const cut = await renderContext(doc, 120);
  expect(cut.tokens).toBe(countTokens(cut.text));
  expect(cut.tokens).toBeLessThanOrEqual(120);
  const lines = cut.text.trimEnd().split('\n');
  // rank 39 − i: the last items are kept, in order, then the note
  const kept = lines.slice(1, -1);
  expect(kept).toEqual(doc.items.slice(40 - kept.length).map((x) => x.text));
  expect(lines.at(-1)).toBe(note(40 - kept.length));
  // one item more would not have fitted
  const more = [...doc.head, ...doc.items.slice(39 - kept.length).map((x) => x.text), note(39 - kept.length)];
  expect(countTokens(`${more.join('\n')}\n`)).toBeGreaterThan(120);
  await expect(renderContext(doc, 3)).rejects.toThrow(/--budget 3: too small/);
});
