import { describe, expect, it } from 'vitest';
import { ArgsError } from '../../errors.js';
import type { PointInfo } from '../../model/point.js';
import { columnName, parseLayout, parseWideSchema, planWideTables, sqlName } from './wide-names.js';

const point = (index: number, equipId: string, key: string, unit?: string, kind: PointInfo['kind'] = 'Number'): PointInfo => ({
  index,
  id: `${equipId}.${key}#${index}`,
  key,
  dis: key,
  equipId,
  siteId: 'site',
  kind,
  unit,
  decimals: 1,
  totalized: false,
});

describe('wide layout names', () => {
  it('turns ids into safe lower-case identifiers of at most 63 bytes', () => {
    expect(sqlName('equip-ahu-1', 'x')).toBe('equip_ahu_1');
    expect(sqlName('Chiller_001', 'x')).toBe('chiller_001');
    expect(sqlName('Équipe "A"; DROP TABLE x; --', 'x')).toBe('equipe_a_drop_table_x');
    expect(sqlName('001-pump', 'x')).toBe('t_001_pump');
    expect(sqlName('---', 'x')).toBe('x');
    const long = sqlName('a'.repeat(80), 'x');
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(63);
    expect(long).not.toBe(sqlName(`${'a'.repeat(79)}b`, 'x')); // cut names keep a hash of the whole
    for (const name of [long, sqlName('日本語 ポンプ', 'x'), sqlName('x'.repeat(200), 'x')])
      expect(name).toMatch(/^[a-z_][a-z0-9_]{0,62}$/);
  });

  it('names columns snake_case with the unit in the users style', () => {
    expect(columnName('zoneTemp', '°F')).toBe('zone_temp_f');
    expect(columnName('power', 'kW')).toBe('power_kw');
    expect(columnName('activePowerKw', 'kW')).toBe('active_power_kw');
    expect(columnName('voltage', 'V')).toBe('voltage_v');
    expect(columnName('powerFactor', 'pf')).toBe('power_factor');
    expect(columnName('chwFlow', 'gal/min')).toBe('chw_flow_gpm');
    expect(columnName('waterFlow', 'L/min')).toBe('water_flow_lpm');
    expect(columnName('staticPressure', 'inH₂O')).toBe('static_pressure_inh2o');
    expect(columnName('fanStatus', undefined)).toBe('fan_status');
    expect(columnName('flux', 'Wb/m²')).toBe('flux_wb_per_m2');
  });

  it('plans one table per equipment, unique table and column names, ts reserved', () => {
    const tables = planWideTables({
      points: [
        point(0, 'equip-a', 'ts'),
        point(1, 'equip-a', 'temp', '°F'),
        point(2, 'equip-a', 'temp', '°F'),
        point(3, 'Equip A', 'run', undefined, 'Bool'),
        point(4, 'equip-b', 'mode', undefined, 'Str'),
      ],
    });
    expect(tables.map((t) => [t.equipId, t.name, t.columns.map((c) => `${c.name}:${c.type}`)])).toEqual([
      ['equip-a', 'equip_a', ['ts_2:double precision', 'temp_f:double precision', 'temp_f_2:double precision']],
      ['Equip A', 'equip_a_2', ['run:boolean']],
      ['equip-b', 'equip_b', ['mode:text']],
    ]);
  });

  it('refuses an unknown layout or an unsafe schema as input errors (exit 2)', () => {
    expect(parseLayout(undefined)).toBe('haystack');
    expect(parseLayout('wide')).toBe('wide');
    for (const bad of ['tall', 'WIDE', '']) {
      expect(() => parseLayout(bad)).toThrow(ArgsError);
      expect(() => parseLayout(bad)).toThrow(/--layout .*unknown layout \(known: haystack, wide\)/);
    }
    try {
      parseLayout('tall');
    } catch (err) {
      expect((err as ArgsError).exitCode).toBe(2);
    }
    expect(parseWideSchema('plant')).toBe('plant');
    for (const bad of ['core', 'pg_temp', 'Plant', 'a;b', '"x"']) expect(() => parseWideSchema(bad)).toThrow(ArgsError);
  });
});
