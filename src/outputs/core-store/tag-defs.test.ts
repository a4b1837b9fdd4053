import { describe, expect, it } from 'vitest';
import { haystackVocabulary, tagDefRows } from './tag-defs.js';

describe('tagDefRows', () => {
  it('takes kind and url from the Haystack defs, doc from haysim extensions, and the model kind otherwise', () => {
    const kinds = new Map([
      ['ahu', 'Marker'],
      ['equipRef', 'Ref'],
      ['navName', 'Str'],
      ['myCustomTag', 'Number'],
      ['area', 'Str'],
    ]);
    const rows = tagDefRows(kinds, haystackVocabulary);
    expect(rows.map((r) => r.name)).toEqual(['ahu', 'area', 'equipRef', 'myCustomTag', 'navName']);
    expect(rows[0]).toEqual({ name: 'ahu', kind: 'Marker', url: 'https://project-haystack.org/def/phIoT/ahu', doc: null });
    expect(rows[1].kind).toBe('Number'); // the def's kind wins over a model that misuses the tag
    expect(rows[3]).toEqual({ name: 'myCustomTag', kind: 'Number', url: null, doc: null });
    expect(rows[4]).toMatchObject({ name: 'navName', kind: 'Str', url: null });
    expect(rows[4].doc).toMatch(/short point key/);
  });

  it('works without a vocabulary', () => {
    expect(tagDefRows(new Map([['x', 'Marker']]))).toEqual([{ name: 'x', kind: 'Marker', url: null, doc: null }]);
  });
});
