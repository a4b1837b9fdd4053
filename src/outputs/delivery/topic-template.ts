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
    const problems: string[] = [];
    let last = 0;
    for (const m of template.matchAll(/\{([^{}]*)\}/g)) {
      this.parts.push(template.slice(last, m.index));
      const name = m[1] as Placeholder;
      if (PLACEHOLDERS.includes(name)) this.parts.push(name);
      else problems.push(`unknown placeholder {${m[1]}}`);
      last = m.index + m[0].length;
    }
    const rest = template.slice(last);
    if (/[{}]/.test(rest) || this.parts.some((p, i) => i % 2 === 0 && /[{}]/.test(p))) problems.push('unbalanced { or }');
    this.parts.push(rest);
    if (problems.length > 0) {
      throw new ArgsError(
        `${what} ${JSON.stringify(template)}: ${problems.join('; ')} (allowed: ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')})`,
      );
    }
  }

  /** placeholders the template uses */
  get uses(): Placeholder[] {
    return this.parts.filter((_, i) => i % 2 === 1) as Placeholder[];
  }

  expand(point: PointInfo): string {
    const values: Record<Placeholder, string> = { site: point.siteId, equip: point.equipId, point: point.id };
    return this.parts.map((part, i) => (i % 2 === 1 ? this.escapeValue(values[part as Placeholder]) : part)).join('');
  }
}
