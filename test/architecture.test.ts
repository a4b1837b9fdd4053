import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

// Data flows one way: profile → model → sim → equipment → outputs → validate → runner → live → cli.
// A folder may import only from folders at its rank or to its left (style.md §1).
// equipment/ holds one module per equipment type (its profile fragment, tags, points and physics),
// so it sits after sim and is injected into profile loading, model building and the engine.
const SRC = resolve(import.meta.dirname, '..', 'src');
const RANK: Record<string, number> = {
  'errors.ts': 0,
  'version.ts': 0,
  // neutral building blocks any layer may use: civil time and holidays, seeded randomness, SQL quoting,
  // CSV text and files, the Haystack standard's vocabulary
  time: 0,
  random: 0,
  sql: 0,
  csv: 0,
  // worker threads: starting one and calling it
  threads: 0,
  'model/defs': 0,
  profile: 1,
  model: 2,
  sim: 3,
  equipment: 4,
  outputs: 5,
  business: 5,
  // a producer that delivers readings over HTTP and writes CSV files: a service on top of outputs
  'env-sensors': 6,
  validate: 6,
  // read-only access to what was generated, for people, LLM and ML pipelines: a service over the stores
  query: 6,
  // training records sampled through the query library
  ml: 6,
  runner: 7,
  // text for LLM prompts from the query library's answers
  context: 7,
  live: 8,
  api: 9,
  // the query library's tools for LLM agents over MCP: a server like api
  mcp: 9,
  cli: 10,
  'index.ts': 11,
};
/** Folders that must not import a folder to their left they could reach by rank. */
const FORBIDDEN: Record<string, string[]> = {
  // the simulation reads the model built from a profile, never the profile's YAML shape
  sim: ['profile'],
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The ranked folder a file is in: `model/defs` before `model`. */
const topOf = (file: string) => {
  const [first, second] = relative(SRC, file).split(sep);
  return RANK[`${first}/${second}`] === undefined ? first! : `${first}/${second}`;
};
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

  it('keeps the simulation free of the profile: it reads the model', () => {
    const wrong: string[] = [];
    for (const file of files) {
      const forbidden = FORBIDDEN[topOf(file)] ?? [];
      for (const [, spec] of readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
        const target = resolve(dirname(file), spec!);
        if (target.startsWith(SRC) && forbidden.includes(topOf(target))) wrong.push(`${relative(SRC, file)} → ${relative(SRC, target)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps profile, model, sim and equipment free of wall-clock time and unseeded randomness', () => {
    const offenders: string[] = [];
    for (const file of files.filter((f) => ['model', 'profile', 'sim', 'equipment', 'time', 'random'].includes(topOf(f)))) {
      const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      if (/Math\.random\(|Date\.now\(|new Date\(\s*\)|performance\.now\(/.test(code)) offenders.push(relative(SRC, file));
    }
    expect(offenders).toEqual([]);
  });
});
