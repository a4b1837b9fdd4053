import { describe, expect, it } from 'vitest';
import { closestName, editDistance } from './edit-distance.js';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['abc', 'abc', 0],
    ['kitten', 'sitting', 3],
    ['flaw', 'lawn', 2],
    ['zoneTmp', 'zone', 3],
    ['siteref', 'siteRef', 1],
  ])('%s → %s is %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe('closestName', () => {
  it('picks the nearest candidate', () => {
    expect(closestName('vav', ['ahu', 'vav', 'fcu'])).toBeUndefined(); // exact match needs no hint
    expect(closestName('vavv', ['ahu', 'vav', 'fcu'])).toBe('vav');
  });

  it('prefers a case-only difference, then code-point order', () => {
    expect(closestName('ab', ['Ab', 'aa'])).toBe('Ab');
    expect(closestName('ax', ['ay', 'az'])).toBe('ay');
    expect(closestName('ax', ['az', 'ay'])).toBe('ay');
  });

  it('gives up beyond half the length', () => {
    expect(closestName('abcd', ['wxyz'])).toBeUndefined();
    expect(closestName('abcd', ['abxy'])).toBe('abxy');
  });
});
