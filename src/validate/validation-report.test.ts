import { describe, expect, it } from 'vitest';
import { check, formatReport, notApplicable, type ValidationReport } from './validation-report.js';

describe('formatReport', () => {
  const checks = [
    check('haystack', 'units', 'units are Haystack units', true, '3 units, all defined'),
    check('physics', 'zone-temp-range', 'zone air temps within 55–90 °F', false, 'max 95.0 °F'),
    notApplicable('physics', 'chiller-cop', 'chiller COP 2–10', 'no chiller equips'),
  ];

  it('prints one aligned line per check, categories apart, and a FAIL line naming the failures', () => {
    const report: ValidationReport = { org: 'demo', passed: false, checks };
    expect(formatReport(report).split('\n')).toEqual([
      'haysim validate: org "demo", 3 checks',
      '✓ haystack  units are Haystack units        3 units, all defined',
      '',
      '✗ physics   zone air temps within 55–90 °F  max 95.0 °F',
      '✓ physics   chiller COP 2–10                n/a: no chiller equips',
      '',
      'FAIL: 1 of 3 checks failed (physics.zone-temp-range)',
    ]);
  });

  it('ends with PASS when every check passed', () => {
    const passing = checks.filter((c) => c.passed);
    const text = formatReport({ org: 'acme_east', passed: true, checks: passing });
    expect(text.split('\n').at(-1)).toBe('PASS: 2/2 checks passed');
    expect(text).not.toContain('✗');
  });

  it('gives ids as category.name', () => {
    expect(checks.map((c) => c.id)).toEqual(['haystack.units', 'physics.zone-temp-range', 'physics.chiller-cop']);
  });
});
