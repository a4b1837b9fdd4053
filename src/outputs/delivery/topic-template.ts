import { ArgsError } from '../../errors.js';
import type { PointInfo } from '../../model/point.js';

/** The placeholders a path or topic template may use. */
export const PLACEHOLDERS = ['site', 'equip', 'point'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/**
 * A `{site}`/`{equip}`/`{point}` template (HTTP path, MQTT topic), checked once
 * and expanded once per point. `escapeValue` makes a value safe for its place
 * (URL-encoding, or MQTT wildcard removal).
 */
export class PointTemplate {
  private readonly parts: (string | Placeholder)[] = [];

  constructor(
    readonly template: string,
    what: string,
    private readonly escapeValue: (value: string) => string,
  ) {
    const problem = templateProblem(template);
    if (problem) throw new ArgsError(`${what} ${JSON.stringify(template)}: ${problem}`);
    let last = 0;
    for (const m of template.matchAll(/\{([^{}]*)\}/g)) {
      this.parts.push(template.slice(last, m.index), m[1] as Placeholder);
      last = m.index + m[0].length;
    }
    this.parts.push(template.slice(last));
  }

  expand(point: PointInfo): string {
    const values: Record<Placeholder, string> = { site: point.siteId, equip: point.equipId, point: point.id };
    return this.parts.map((part, i) => (i % 2 === 1 ? this.escapeValue(values[part as Placeholder]) : part)).join('');
  }
}

/** What is wrong with a template (unknown placeholders, unbalanced braces), or undefined: for option schemas. */
export function templateProblem(template: string): string | undefined {
  const problems: string[] = [];
  for (const m of template.matchAll(/\{([^{}]*)\}/g)) {
    if (!PLACEHOLDERS.includes(m[1] as Placeholder)) problems.push(`unknown placeholder {${m[1]}}`);
  }
  if (/[{}]/.test(template.replace(/\{[^{}]*\}/g, ''))) problems.push('unbalanced { or }');
  if (problems.length === 0) return undefined;
  return `${problems.join('; ')} (allowed: ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')})`;
}
