import { describe, expect, it } from 'vitest';
import { allKnownTagKinds, getExtension, HAYSIM_EXTENSIONS, isKnownTag, knownTagKind, suggestKnownTag } from './haysim-extensions.js';
import { getTagDef, isStandardTag } from './haystack-vocabulary.js';

describe('haysim extensions', () => {
  it('never shadow a Haystack def (tag or conjunct)', () => {
    for (const e of HAYSIM_EXTENSIONS) {
      expect(getTagDef(e.name), e.name).toBeUndefined();
      expect(isStandardTag(e.name), e.name).toBe(false);
    }
  });

  it('are sorted, unique, tag-shaped and documented', () => {
    const names = HAYSIM_EXTENSIONS.map((e) => e.name);
    expect([...names].sort()).toEqual(names);
    expect(new Set(names).size).toBe(names.length);
    for (const e of HAYSIM_EXTENSIONS) {
      expect(e.name).toMatch(/^[a-z][a-zA-Z0-9]*$/);
      expect(e.doc.length, e.name).toBeGreaterThan(20);
    }
  });

  it('cover the equipment and metadata Haystack 4.0.0 lacks', () => {
    for (const n of ['transformer', 'genset', 'switchgear', 'breaker', 'inverter', 'navName', 'manufacturer', 'model', 'installDate']) {
      expect(getExtension(n), n).toBeDefined();
    }
    // standard in 4.0.0, so deliberately not extensions
    for (const n of ['compressor', 'submeterOf', 'yearBuilt', 'coolingCapacity', 'ups']) {
      expect(getExtension(n), n).toBeUndefined();
      expect(isStandardTag(n), n).toBe(true);
    }
  });

  it('knows standard tags and extensions with their kinds', () => {
    expect(isKnownTag('site')).toBe(true);
    expect(isKnownTag('transformer')).toBe(true);
    expect(isKnownTag('ac-elec-meter')).toBe(false);
    expect(isKnownTag('supply')).toBe(false);
    expect(knownTagKind('navName')).toBe('Str');
    expect(knownTagKind('installDate')).toBe('Date');
    expect(knownTagKind('siteRef')).toBe('Ref');
    expect(knownTagKind('supply')).toBeUndefined();
  });

  it('lists every known tag once, sorted, with its kind', () => {
    const all = allKnownTagKinds();
    const names = [...all.keys()];
    for (let i = 1; i < names.length; i++) expect(names[i - 1] < names[i]).toBe(true);
    expect(all.get('site')).toBe('Marker');
    expect(all.get('genset')).toBe('Marker');
    expect(all.get('curVal')).toBeNull();
    expect(all.has('ac-elec-meter')).toBe(false);
    expect(all.size).toBe(names.filter((n) => isStandardTag(n)).length + HAYSIM_EXTENSIONS.length);
  });

  it('suggests extensions as well as standard tags', () => {
    expect(suggestKnownTag('transfomer')).toBe('transformer');
    expect(suggestKnownTag('navname')).toBe('navName');
    expect(suggestKnownTag('siteref')).toBe('siteRef');
  });
});
