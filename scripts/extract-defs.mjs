#!/usr/bin/env node
// Derives haysim's compact Haystack 4 tag vocabulary from the official Trio defs.
//
//   node scripts/extract-defs.mjs [defsSrcDir]   (default: ../shared/haystack-defs/src)
//
// Writes src/model/defs/haystack-defs.json and src/model/defs/haystack-defs.generated.ts.
// Only names, libs, `is` relationships, kinds, tagOn, of and small enums are kept: no prose
// `doc` strings. The Trio files are © Project Haystack, Academic Free License 3.0
// (see src/model/defs/NOTICE-haystack-defs.md).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TrioReader } from 'haystack-core';

/** Kind defs of Haystack 4 (`ph` lib kinds.trio) → kind name. */
export const KIND_DEFS = {
  marker: 'Marker',
  na: 'NA',
  remove: 'Remove',
  bool: 'Bool',
  number: 'Number',
  str: 'Str',
  uri: 'Uri',
  ref: 'Ref',
  symbol: 'Symbol',
  date: 'Date',
  time: 'Time',
  dateTime: 'DateTime',
  coord: 'Coord',
  xstr: 'XStr',
  list: 'List',
  dict: 'Dict',
  grid: 'Grid',
};

/** Enums longer than this (geoCountry, ...) are left out: the vocabulary stays compact. */
export const MAX_ENUM_VALUES = 100;

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_SRC_DIR = path.resolve(HERE, '../../shared/haystack-defs/src');
export const OUT_DIR = path.resolve(HERE, '../src/model/defs');

/** Reads `<srcDir>/<lib>/lib/*.trio` in sorted order. */
export function readTrioFiles(srcDir) {
  const files = [];
  for (const lib of fs.readdirSync(srcDir).sort()) {
    const libDir = path.join(srcDir, lib, 'lib');
    if (!fs.statSync(libDir, { throwIfNoEntry: false })?.isDirectory()) continue;
    for (const name of fs.readdirSync(libDir).sort()) {
      if (!name.endsWith('.trio')) continue;
      files.push({ lib, file: `${lib}/lib/${name}`, text: fs.readFileSync(path.join(libDir, name), 'utf8') });
    }
  }
  if (files.length === 0) throw new Error(`no Trio files under ${srcDir}/<lib>/lib/`);
  return files;
}

function symbol(v, where) {
  if (v && typeof v === 'object' && v._kind === 'symbol') return v.val;
  throw new Error(`${where}: expected a symbol, found ${JSON.stringify(v)}`);
}

function symbols(v, where) {
  if (v === undefined) return [];
  return Array.isArray(v) ? v.map((x) => symbol(x, where)) : [symbol(v, where)];
}

/** Parses the enum formats of the defs: markdown "- name: doc" list, comma or newline separated. */
export function parseEnum(text, where) {
  if (typeof text !== 'string') throw new Error(`${where}: enum is not a Str`);
  const lines = text.split('\n').map((l) => l.trim());
  if (lines.some((l) => l.startsWith('- '))) {
    return lines
      .filter((l) => l.startsWith('- '))
      .map((l) => {
        const m = /^-\s+([^:]+?)\s*:/.exec(l) ?? /^-\s+(\S+)\s*$/.exec(l);
        if (!m) throw new Error(`${where}: cannot read enum item "${l}"`);
        return m[1].replace(/^`(.*)`$/, '$1');
      });
  }
  const nonEmpty = lines.filter((l) => l !== '');
  if (nonEmpty.length === 1)
    return nonEmpty[0]
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  return nonEmpty;
}

/** Parses and normalises the Trio files into sorted compact defs. Pure: no I/O. */
export function extractDefs(files) {
  const defs = new Map();
  const defxs = [];
  const versions = new Set();
  for (const { lib, file, text } of files) {
    for (const dict of TrioReader.readAllDicts(text)) {
      const j = dict.toJSON();
      if (j.defx !== undefined) {
        defxs.push({ file, j });
        continue;
      }
      const name = symbol(j.def, `${file}: def`);
      const where = `${file}: ${name}`;
      if (name.startsWith('lib:')) {
        if (name !== `lib:${lib}`) throw new Error(`${where}: lib def outside its lib folder`);
        versions.add(j.version);
        continue;
      }
      if (name.includes(':')) continue; // feature defs (filetype:, op:) are not tags
      if (defs.has(name)) throw new Error(`${where}: duplicate def`);
      defs.set(name, {
        name,
        lib,
        is: symbols(j.is, `${where} is`),
        tagOn: symbols(j.tagOn, `${where} tagOn`),
        of: j.of === undefined ? undefined : symbol(j.of, `${where} of`),
        enum: j.enum === undefined ? undefined : parseEnum(j.enum, `${where} enum`),
      });
    }
  }
  if (versions.size !== 1) throw new Error(`expected one defs version, found ${[...versions].join(', ')}`);
  // defx adds meta to an existing def; tagOn accumulates (ph associations.trio).
  for (const { file, j } of defxs) {
    const name = symbol(j.defx, `${file}: defx`);
    const def = defs.get(name);
    if (!def) throw new Error(`${file}: defx of unknown def ${name}`);
    for (const t of symbols(j.tagOn, `${file}: defx ${name} tagOn`)) if (!def.tagOn.includes(t)) def.tagOn.push(t);
  }
  for (const def of defs.values()) {
    for (const s of [...def.is, ...def.tagOn]) {
      if (!defs.has(s)) throw new Error(`${def.name}: refers to unknown def ${s}`);
    }
  }
  const out = [...defs.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((def) => compact(def, defs));
  return { version: [...versions][0], defs: out };
}

/** Breadth-first walk of `is` (including the def itself) in declaration order. */
function ancestors(name, defs) {
  const seen = [name];
  for (let i = 0; i < seen.length; i++) {
    for (const s of defs.get(seen[i]).is) if (!seen.includes(s)) seen.push(s);
  }
  return seen;
}

function compact(def, defs) {
  const line = ancestors(def.name, defs);
  const kinds = [...new Set(line.filter((n) => n in KIND_DEFS).map((n) => KIND_DEFS[n]))];
  if (kinds.length > 1) throw new Error(`${def.name}: inherits conflicting kinds ${kinds.join(', ')}`);
  // `of` is inherited (not notInherited in ph meta.trio); tagOn is notInherited.
  const of = line.map((n) => defs.get(n).of).find((o) => o !== undefined);
  const out = { name: def.name, lib: def.lib, is: def.is };
  if (kinds.length === 1) out.kind = kinds[0];
  if (def.tagOn.length > 0) out.tagOn = [...def.tagOn].sort();
  if (of !== undefined) out.of = of;
  if (def.enum !== undefined && def.enum.length <= MAX_ENUM_VALUES) out.enum = def.enum;
  if (def.name.includes('-')) out.conjunct = true;
  return out;
}

const HEADER = [
  'Generated by scripts/extract-defs.mjs from Project Haystack defs',
  'Copyright (c) 2011-2022, Project-Haystack. Licensed under the Academic Free License version 3.0;',
  'see NOTICE-haystack-defs.md. Derived: names and relationships only, prose docs omitted. Do not edit.',
];

export function renderJson({ version, defs }) {
  const rows = defs.map((d) => `    ${JSON.stringify(d)}`).join(',\n');
  const notice = JSON.stringify(HEADER.join(' '));
  return `{\n  "notice": ${notice},\n  "version": ${JSON.stringify(version)},\n  "defs": [\n${rows}\n  ]\n}\n`;
}

export function renderTs({ version, defs }) {
  const rows = defs.map((d) => `  ${JSON.stringify(d)},`).join('\n');
  // No import statement: tsc would drop the attribution comment together with an elided `import type`.
  return (
    `${HEADER.map((l) => `// ${l}`).join('\n')}\n` +
    `export const HAYSTACK_DEFS_VERSION = ${JSON.stringify(version)};\n\n` +
    `export const HAYSTACK_DEFS: readonly import('./tag-def.js').TagDef[] = [\n${rows}\n];\n`
  );
}

/** Everything the script writes, keyed by file name in src/model/defs. */
export function generate(srcDir = DEFAULT_SRC_DIR) {
  const vocab = extractDefs(readTrioFiles(srcDir));
  return { 'haystack-defs.json': renderJson(vocab), 'haystack-defs.generated.ts': renderTs(vocab), vocab };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const srcDir = path.resolve(process.argv[2] ?? DEFAULT_SRC_DIR);
  const out = generate(srcDir);
  for (const file of ['haystack-defs.json', 'haystack-defs.generated.ts']) {
    fs.writeFileSync(path.join(OUT_DIR, file), out[file]);
  }
  console.log(`wrote ${out.vocab.defs.length} defs (Haystack ${out.vocab.version}) to ${path.relative(process.cwd(), OUT_DIR)}`);
}
