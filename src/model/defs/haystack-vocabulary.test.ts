import { describe, expect, it } from 'vitest';
import {
  allTagDefs,
  CUR_STATUS_VALUES,
  defUrl,
  getTagDef,
  HAYSTACK_DEFS_VERSION,
  HIS_MODE_VALUES,
  inheritsFrom,
  isStandardTag,
  suggestTag,
  tagKind,
} from './haystack-vocabulary.js';

describe('haystack vocabulary', () => {
  it('is Haystack 4.0.0, sorted, without duplicates or feature defs', () => {
    expect(HAYSTACK_DEFS_VERSION).toBe('4.0.0');
    const names = allTagDefs().map((d) => d.name);
    for (let i = 1; i < names.length; i++) expect(names[i - 1] < names[i]).toBe(true);
    expect(names.some((n) => n.includes(':'))).toBe(false);
    // ph + phScience + phIoT + phIct define several hundred tags; guards against a truncated extract.
    expect(names.length).toBeGreaterThan(600);
  });

  it.each([
    ['site', 'Marker'],
    ['equip', 'Marker'],
    ['point', 'Marker'],
    ['ahu', 'Marker'],
    ['area', 'Number'],
    ['yearBuilt', 'Number'],
    ['floorNum', 'Number'],
    ['coolingCapacity', 'Number'],
    ['tz', 'Str'],
    ['dis', 'Str'],
    ['unit', 'Str'],
    ['geoAddr', 'Str'],
    ['primaryFunction', 'Str'],
    ['siteRef', 'Ref'],
    ['equipRef', 'Ref'],
    ['spaceRef', 'Ref'],
    ['submeterOf', 'Ref'],
    ['id', 'Ref'],
    ['geoCoord', 'Coord'],
    ['curStatus', 'Str'],
    ['hisTotalized', 'Marker'],
    ['writeLevel', 'Number'],
    ['children', 'List'],
    ['def', 'Symbol'],
    ['baseUri', 'Uri'],
  ])('%s has kind %s', (name, kind) => {
    expect(tagKind(name)).toBe(kind);
  });

  it('leaves kind-less scalars without a kind', () => {
    expect(getTagDef('curVal')).toBeDefined();
    expect(tagKind('curVal')).toBeUndefined();
    expect(tagKind('writeVal')).toBeUndefined();
    expect(tagKind('noSuchTag')).toBeUndefined();
  });

  it('knows the HVAC point tags', () => {
    for (const t of [
      'zone',
      'air',
      'temp',
      'sensor',
      'point',
      'sp',
      'cmd',
      'discharge',
      'return',
      'mixed',
      'outside',
      'damper',
      'valve',
      'chilled',
      'water',
      'leaving',
      'entering',
      'occupied',
      'effective',
    ]) {
      expect(isStandardTag(t), t).toBe(true);
    }
    // Haystack 3 spellings that 4.0.0 replaced.
    for (const t of ['supply', 'zoneTmp', 'lights', 'static', 'navName']) expect(isStandardTag(t), t).toBe(false);
  });

  it('treats conjuncts as defs but not as tags', () => {
    const meter = getTagDef('ac-elec-meter');
    expect(meter?.conjunct).toBe(true);
    expect(meter?.kind).toBe('Marker');
    expect(isStandardTag('ac-elec-meter')).toBe(false);
    expect(getTagDef('ac')?.conjunct).toBeUndefined();
  });

  it('records tagOn, of and libraries', () => {
    expect(getTagDef('siteRef')?.of).toBe('site');
    expect(getTagDef('submeterOf')?.of).toBe('meter');
    // tz gets point via defx in point.trio and site via defx in site.trio
    expect(getTagDef('tz')?.tagOn).toEqual(['point', 'site', 'weatherStation']);
    expect(getTagDef('tz')?.lib).toBe('ph');
    expect(getTagDef('ups')?.lib).toBe('phIct');
    expect(getTagDef('temp')?.lib).toBe('phScience');
  });

  it('follows is transitively', () => {
    expect(inheritsFrom('ahu', 'equip')).toBe(true); // ahu → airHandlingEquip → equip
    expect(inheritsFrom('rtu', 'equip')).toBe(true);
    expect(inheritsFrom('ac-elec-meter', 'meter')).toBe(true);
    expect(inheritsFrom('ahu', 'entity')).toBe(true);
    expect(inheritsFrom('ahu', 'marker')).toBe(true);
    expect(inheritsFrom('siteRef', 'ref')).toBe(true);
    expect(inheritsFrom('ahu', 'ahu')).toBe(true);
    expect(inheritsFrom('equip', 'ahu')).toBe(false);
    expect(inheritsFrom('ahu', 'point')).toBe(false);
    expect(inheritsFrom('siteRef', 'marker')).toBe(false);
    expect(inheritsFrom('noSuchTag', 'equip')).toBe(false);
  });

  it('builds def URLs', () => {
    expect(defUrl('ahu')).toBe('https://project-haystack.org/def/phIoT/ahu');
    expect(defUrl('tz')).toBe('https://project-haystack.org/def/ph/tz');
    expect(defUrl('ac-elec-meter')).toBe('https://project-haystack.org/def/phIoT/ac-elec-meter');
    expect(defUrl('noSuchTag')).toBeUndefined();
  });

  it('suggests close tag names', () => {
    expect(suggestTag('zoneTmp')).toBe('zone');
    expect(suggestTag('siteref')).toBe('siteRef');
    expect(suggestTag('tempp')).toBe('temp');
    expect(suggestTag('equipref')).toBe('equipRef');
    expect(suggestTag('qqqqqqqq')).toBeUndefined();
    // never suggests a conjunct, which cannot be a tag
    expect(suggestTag('ac-elec-meterr')).toBeUndefined();
  });

  it('exposes the curStatus and hisMode enums', () => {
    for (const s of ['ok', 'stale', 'fault', 'down', 'disabled', 'unknown']) expect(CUR_STATUS_VALUES).toContain(s);
    expect(CUR_STATUS_VALUES).toHaveLength(10); // plus remoteFault/Down/Disabled/Unknown
    expect(HIS_MODE_VALUES).toEqual(['sampled', 'cov', 'consumption']);
  });
});
