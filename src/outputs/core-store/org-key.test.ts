import { describe, expect, it } from 'vitest';
import { ArgsError } from '../../errors.js';
import { orgTables, validateOrgKey } from './org-key.js';

describe('org keys', () => {
  it('accepts lower-case keys of 1-40 characters starting with a letter', () => {
    for (const key of ['demo', 'a', 'acme_east_2', `a${'b'.repeat(39)}`]) expect(validateOrgKey(key)).toBe(key);
  });

  it('rejects anything else with an ArgsError naming the flag and the rule', () => {
    for (const key of [
      '',
      'Demo',
      '2demo',
      '_demo',
      'demo-east',
      'demo east',
      'démo',
      'demo; drop table core.org',
      `a${'b'.repeat(40)}`,
      'demo"',
    ]) {
      expect(() => validateOrgKey(key), key).toThrow(ArgsError);
    }
    expect(() => validateOrgKey('x-y', '--org')).toThrow(
      '--org "x-y" is not a valid organization key: expected 1-40 characters, a lower-case letter first',
    );
  });

  it('names the per-org relations, quoted', () => {
    expect(orgTables('demo')).toMatchObject({
      valueTable: 'values_demo',
      currentTable: 'values_demo_current',
      values: 'core."values_demo"',
      current: 'core."values_demo_current"',
      hourly: 'core."values_demo_hourly"',
      dailyEnergy: 'core."demo_daily_energy"',
    });
    expect(() => orgTables('bad key')).toThrow(ArgsError);
  });
});
