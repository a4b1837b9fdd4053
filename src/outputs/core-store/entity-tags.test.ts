import { HCoord, HDate, HDateTime, HDict, HList, HMarker, HNum, HRef, HStr, HBool, HUri } from 'haystack-core';
import { describe, expect, it } from 'vitest';
import type { PointInfo } from '../../model/point.js';
import type { SiteModel } from '../../model/site-model.js';
import { flatValue, modelEntities, modelTagKinds, pointEnumLabels, tagRow } from './entity-tags.js';

const none = { n: null, b: null, s: null, ts: null, list: null, dict: null, ref: null };

describe('tagRow: one typed entity_tag row per Haystack kind', () => {
  it.each([
    ['marker', HMarker.make(), { b: true }],
    ['bool', HBool.make(false), { b: false }],
    ['number with unit (unit companion in value_s)', HNum.make(-12.5, '°F'), { n: '-12.5', s: '°F' }],
    ['unitless number', HNum.make(3), { n: '3', s: null }],
    ['str', HStr.make('Carrier'), { s: 'Carrier' }],
    ['uri', HUri.make('https://example.com'), { s: 'https://example.com' }],
    ['ref', HRef.make('equip-ahu-1'), { ref: 'equip-ahu-1', s: 'equip-ahu-1' }],
    ['date', HDate.make('2018-03-15'), { ts: '2018-03-15T00:00:00' }],
    ['dateTime (UTC)', HDateTime.make('2026-01-02T03:04:05-05:00 New_York'), { ts: '2026-01-02T08:04:05.000Z' }],
    ['coord', HCoord.make({ latitude: 40.5, longitude: -74.25 }), { dict: { lat: 40.5, lng: -74.25 } }],
    ['list', HList.make([HStr.make('a'), HNum.make(2, 'kW')]), { list: ['a', '2kW'] }],
    ['dict', HDict.make({ a: HMarker.make(), b: HNum.make(1) }), { dict: { a: true, b: 1 } }],
  ])('%s', (_, value, expected) => {
    expect(tagRow('e', 't', value)).toEqual({ ...none, entity: 'e', tag: 't', ...expected });
  });

  it('writes the id tag as the haystack id string, not a ref', () => {
    expect(tagRow('site-x', 'id', HRef.make('site-x'))).toEqual({ ...none, entity: 'site-x', tag: 'id', s: 'site-x' });
  });
});

describe('flatValue: the plain JSON of core.entity.tags', () => {
  it('maps kinds as the users query them', () => {
    expect(flatValue(HMarker.make())).toBe(true);
    expect(flatValue(HNum.make(150000, 'ft²'))).toBe(150000);
    expect(flatValue(HNum.make(Number.NaN))).toBeNull();
    expect(flatValue(HStr.make('New_York'))).toBe('New_York');
    expect(flatValue(HRef.make('site-x'))).toBe('@site-x');
    expect(flatValue(HBool.make(true))).toBe(true);
    expect(flatValue(HDate.make('2018-03-15'))).toBe('2018-03-15');
    expect(flatValue(HCoord.make({ latitude: 1, longitude: 2 }))).toEqual({ lat: 1, lng: 2 });
    expect(flatValue(HList.make([HRef.make('a'), HMarker.make()]))).toEqual(['@a', true]);
  });
});

const point = (index: number, id: string, key: string, kind: PointInfo['kind']): PointInfo => ({
  index,
  id,
  key,
  dis: key,
  equipId: 'eq',
  siteId: 's',
  kind,
  decimals: 0,
  totalized: false,
});

describe('modelEntities', () => {
  const m = HMarker.make();
  const model: SiteModel = {
    profile: 'p',
    timeZone: 'UTC',
    points: [
      point(0, 'eq.zoneTemp', 'zoneTemp', 'Number'),
      point(1, 'eq.energy', 'energy', 'Number'),
      point(2, 'eq.mode', 'mode', 'Str'),
      point(3, 'eq.stage', 'stage', 'Str'),
    ],
    entities: [
      HDict.make({ id: HRef.make('eq'), equip: m, energy: HStr.make('not a marker') }),
      HDict.make({ id: HRef.make('eq.energy'), point: m, energy: m }),
      HDict.make({ id: HRef.make('eq.mode'), point: m, enum: HStr.make('off, heat,cool') }),
      HDict.make({ id: HRef.make('eq.stage'), point: m, enum: HList.make([HStr.make('one'), HStr.make('two')]) }),
      HDict.make({ id: HRef.make('eq.zoneTemp'), point: m, mode: HNum.make(1) }),
    ],
  };

  it("adds each point's short key as a marker unless the point has that tag; sets value tables on points only", async () => {
    const { entities, tags } = await modelEntities(model, 'values_demo');
    const byId = new Map(entities.map((e) => [e.haystackId, e]));
    expect(byId.get('eq.zoneTemp')).toEqual({
      haystackId: 'eq.zoneTemp',
      valueTable: 'values_demo',
      tags: { id: '@eq.zoneTemp', point: true, mode: 1, zoneTemp: true },
    });
    expect(byId.get('eq.energy')?.tags.energy).toBe(true);
    expect(byId.get('eq')).toEqual({ haystackId: 'eq', valueTable: null, tags: { id: '@eq', equip: true, energy: 'not a marker' } });
    expect(tags.filter((t) => t.tag === 'zoneTemp')).toEqual([]); // the short key is not an entity_tag row
    expect(tags.length).toBe(model.entities.reduce((n, d) => n + d.keys.length, 0));
  });

  it('takes Str enum names from a comma-separated Str or a List', () => {
    const labels = pointEnumLabels(model);
    expect(labels[2]).toEqual(['off', 'heat', 'cool']);
    expect(labels[3]).toEqual(['one', 'two']);
    expect(labels[0]).toBeUndefined();
  });

  it('reports each tag kind as first used in sorted entities', () => {
    const kinds = modelTagKinds(model);
    expect(kinds.get('energy')).toBe('Str');
    expect(kinds.get('enum')).toBe('Str');
    expect(kinds.get('id')).toBe('Ref');
    expect(kinds.get('mode')).toBe('Number');
  });
});
