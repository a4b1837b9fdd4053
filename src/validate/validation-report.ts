/** What `haysim validate` checks: one row per check, with the measured figure. */
export type CheckCategory = 'haystack' | 'relationships' | 'time-series' | 'physics' | 'quality';

export interface ValidationCheck {
  /** stable id, `<category>.<name>`, e.g. `physics.zone-temp-range` */
  id: string;
  category: CheckCategory;
  title: string;
  passed: boolean;
  /** the measured figure, e.g. 'avg 72.4 °F (expected 70–76)' */
  detail: string;
}

export interface ValidationReport {
  org: string;
  passed: boolean;
  checks: ValidationCheck[];
}

/** Builds a check; `id` is prefixed with the category. */
export function check(category: CheckCategory, name: string, title: string, passed: boolean, detail: string): ValidationCheck {
  return { id: `${category}.${name}`, category, title, passed, detail };
}

/** A check that could not apply (nothing of its kind in the store) passes and says so. */
export function notApplicable(category: CheckCategory, name: string, title: string, why: string): ValidationCheck {
  return check(category, name, title, true, `n/a: ${why}`);
}

/**
 * Human text: a header, one line per check (✓/✗, category, title, detail) with
 * columns aligned, and a final PASS/FAIL line naming the failed checks.
 */
export function formatReport(report: ValidationReport): string {
  const { checks } = report;
  const catWidth = Math.max(0, ...checks.map((c) => c.category.length));
  const titleWidth = Math.max(0, ...checks.map((c) => c.title.length));
  const lines = [`haysim validate: org "${report.org}", ${checks.length} checks`];
  let last: CheckCategory | undefined;
  for (const c of checks) {
    if (last !== undefined && c.category !== last) lines.push('');
    last = c.category;
    lines.push(`${c.passed ? '✓' : '✗'} ${c.category.padEnd(catWidth)}  ${c.title.padEnd(titleWidth)}  ${c.detail}`);
  }
  const failed = checks.filter((c) => !c.passed);
  lines.push('');
  lines.push(
    failed.length === 0 && report.passed
      ? `PASS: ${checks.length}/${checks.length} checks passed`
      : `FAIL: ${failed.length} of ${checks.length} checks failed (${failed.map((c) => c.id).join(', ')})`,
  );
  return lines.join('\n');
}
