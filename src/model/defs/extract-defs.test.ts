// Tests scripts/extract-defs.mjs, which generates this folder's vocabulary files.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HNormalizer, TrioReader } from 'haystack-core';
import type { HSymbol } from 'haystack-core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SRC_DIR, extractDefs, generate, parseEnum } from '../../../scripts/extract-defs.mjs';
import { allTagDefs, inheritsFrom } from './haystack-vocabulary.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));

const CORE = `
def: ^marker
---
def: ^val
---
def: ^scalar
is: ^val
---
def: ^str
is: ^scalar
---
def: ^ref
is: ^scalar
---
def: ^number
is: ^scalar
---
def: ^int
is: ^number
---
def: ^entity
is: ^marker
---
def: ^equip
is: ^entity
`;

const DEMO = `
def: ^lib:demo
version: "9.9"
---
def: ^thing
is: [^equip, ^marker]
---
def: ^big-thing
is: ^thing
---
def: ^equipRef
is: ^ref
of: ^equip
tagOn: ^equip
---
def: ^subRef
is: ^equipRef
---
def: ^count
is: ^int
---
def: ^mode
is: ^str
enum:
  - a: first item,
    continued
  - b: second
---
defx: ^mode
tagOn: [^thing, ^equip]
`;

function demo(extra = '') {
  return extractDefs([{ lib: 'demo', file: 'demo/lib/x.trio', text: `${CORE}---${DEMO}${extra}` }]);
}

describe('extractDefs', () => {
  it('resolves kinds through is, flags conjuncts and applies defx', () => {
    const { version, defs } = demo();
    expect(version).toBe('9.9');
    const by = new Map(defs.map((d) => [d.name, d]));
    expect(defs.map((d) => d.name)).toEqual([...by.keys()].sort());
    expect(by.get('big-thing')).toEqual({ name: 'big-thing', lib: 'demo', is: ['thing'], kind: 'Marker', conjunct: true });
    expect(by.get('count')?.kind).toBe('Number');
    // of is inherited, tagOn is not (ph marks tagOn notInherited)
    expect(by.get('subRef')).toEqual({ name: 'subRef', lib: 'demo', is: ['equipRef'], kind: 'Ref', of: 'equip' });
    expect(by.get('mode')).toEqual({ name: 'mode', lib: 'demo', is: ['str'], kind: 'Str', tagOn: ['equip', 'thing'], enum: ['a', 'b'] });
    expect(by.get('val')?.kind).toBeUndefined();
    expect(by.has('lib:demo')).toBe(false);
  });

  it('rejects inconsistent defs', () => {
    expect(() => demo('---\ndef: ^bad\nis: [^int, ^str]\n')).toThrow(/bad: inherits conflicting kinds/);
    expect(() => demo('---\ndef: ^bad\nis: ^nowhere\n')).toThrow(/bad: refers to unknown def nowhere/);
    expect(() => demo('---\ndef: ^count\nis: ^int\n')).toThrow(/count: duplicate def/);
    expect(() => demo('---\ndefx: ^nowhere\ntagOn: ^equip\n')).toThrow(/defx of unknown def nowhere/);
    expect(() => extractDefs([{ lib: 'x', file: 'x.trio', text: CORE }])).toThrow(/one defs version/);
  });
});

describe('parseEnum', () => {
  it('reads the three enum formats of the defs', () => {
    expect(parseEnum('- ok: fine\n- stale: old\nstill old\n- `L1-N`: line', 'e')).toEqual(['ok', 'stale', 'L1-N']);
    expect(parseEnum('a, b,c', 'e')).toEqual(['a', 'b', 'c']);
    expect(parseEnum('Bank Branch\nBar/Nightclub\n', 'e')).toEqual(['Bank Branch', 'Bar/Nightclub']);
    expect(() => parseEnum(3, 'x enum')).toThrow(/x enum: enum is not a Str/);
  });
});

const haveDefs = fs.existsSync(DEFAULT_SRC_DIR);
if (!haveDefs) {
  console.warn(`\n[haysim tests] WARNING: Haystack defs checks SKIPPED: ${DEFAULT_SRC_DIR} is absent\n`);
}

describe.skipIf(!haveDefs)(`generated vocabulary vs ${DEFAULT_SRC_DIR}`, () => {
  it('is up to date with the Trio files (rerun node scripts/extract-defs.mjs)', () => {
    const out = generate();
    for (const file of ['haystack-defs.json', 'haystack-defs.generated.ts'] as const) {
      expect(fs.readFileSync(path.join(HERE, file), 'utf8'), file).toBe(out[file]);
    }
  });

  it('agrees with haystack-core normalization on is, kind, tagOn, of and fits', async () => {
    const libs = fs
      .readdirSync(DEFAULT_SRC_DIR)
      .sort()
      .map((lib) => {
        const dir = path.join(DEFAULT_SRC_DIR, lib, 'lib');
        const dicts = fs
          .readdirSync(dir)
          .sort()
          .flatMap((f) => TrioReader.readAllDicts(fs.readFileSync(path.join(dir, f), 'utf8')));
        const libDict = dicts.find((d) => d.get<HSymbol>('def')?.value === `lib:${lib}`);
        return { name: `lib:${lib}`, lib: libDict, dicts };
      });
    const problems: string[] = [];
    const logger = { warning: (m: string) => problems.push(m), error: (m: string) => problems.push(m), fatal: (m: string) => new Error(m) };
    // haystack-core's HLib types are stricter than TrioReader's HDict output
    const ns = await new HNormalizer(() => libs.map((l) => Promise.resolve(l as never)), logger).normalize();
    expect(problems).toEqual([]);
    const syms = (v: unknown): string[] => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).map((s: { val: string }) => s.val));
    const defs = allTagDefs();
    for (const d of defs) {
      const j = ns.get(d.name)?.toJSON() as Record<string, unknown> | undefined;
      expect(j, d.name).toBeDefined();
      expect(syms(j?.is), `${d.name} is`).toEqual(d.is);
      expect(syms(j?.tagOn).sort(), `${d.name} tagOn`).toEqual(d.tagOn ?? []);
      expect((j?.of as { val?: string } | undefined)?.val, `${d.name} of`).toBe(d.of);
      // haystack-core has no Remove kind
      if (d.name !== 'remove') expect(ns.defToKind(d.name)?.toLowerCase(), `${d.name} kind`).toBe(d.kind?.toLowerCase());
    }
    for (const a of defs) {
      for (const b of defs) {
        if (inheritsFrom(a.name, b.name) !== ns.fits(a.name, b.name)) problems.push(`${a.name} fits ${b.name}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
