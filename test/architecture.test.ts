import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

// Data flows one way: model → profile → sim → outputs → validate → runner → live → cli.
// A folder may import only from folders at its rank or to its left (style.md §1).
const SRC = resolve(import.meta.dirname, '..', 'src');
const RANK: Record<string, number> = {
  'errors.ts': 0,
  'version.ts': 0,
  // neutral building blocks any layer may use: civil time and holidays, seeded randomness, SQL quoting, CSV text and files
  time: 0,
  random: 0,
  sql: 0,
  csv: 0,
  model: 1,
  profile: 2,
  sim: 3,
  outputs: 4,
  business: 4,
  // a producer that delivers readings over HTTP and writes CSV files: a service on top of outputs
  'env-sensors': 5,
  validate: 5,
  runner: 6,
  live: 7,
  api: 8,
  cli: 9,
  'index.ts': 10,
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

const topOf = (file: string) => relative(SRC, file).split(sep)[0]!;
const files = sources(SRC);

describe('architecture', () => {
  it('knows every top-level folder of src', () => {
    for (const file of files) expect(RANK[topOf(file)], `${relative(SRC, file)} is in no ranked folder`).toBeDefined();
  });

  it('imports only leftwards along the data flow', () => {
    const wrong: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const [, spec] of text.matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
        const target = resolve(dirname(file), spec!);
        if (!target.startsWith(SRC)) continue;
        if (RANK[topOf(target)]! > RANK[topOf(file)]!) wrong.push(`${relative(SRC, file)} → ${relative(SRC, target)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps model, profile and sim free of wall-clock time and unseeded randomness', () => {
    const offenders: string[] = [];
    for (const file of files.filter((f) => ['model', 'profile', 'sim', 'time', 'random'].includes(topOf(f)))) {
      const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      if (/Math\.random\(|Date\.now\(|new Date\(\s*\)|performance\.now\(/.test(code)) offenders.push(relative(SRC, file));
    }
    expect(offenders).toEqual([]);
  });
});
