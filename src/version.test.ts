import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { haysimVersion } from './version.js';

describe('haysimVersion', () => {
  it("is package.json's version", () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(haysimVersion()).toBe(pkg.version);
    expect(haysimVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
