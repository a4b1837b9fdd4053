import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The built binary, as users run it (`npm test` and `golden:update` build first). */
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'haysim.js');
export const GOLDEN_FILE = join(import.meta.dirname, 'golden.json');

/** A short fixed-seed run whose every output byte is pinned. `{dir}` is replaced by a scratch folder. */
interface GoldenCase {
  readonly name: string;
  readonly args: readonly string[];
}

export const GOLDEN_CASES: readonly GoldenCase[] = [
  {
    name: 'office-tower-day-15m',
    args: ['generate', '--out', '{dir}', '--start', '2026-07-15', '--end', '2026-07-16', '--interval', '15m', '--quiet', '--no-validate'],
  },
  {
    name: 'office-tower-hour-1m',
    args: [
      'generate',
      '--out',
      '{dir}',
      '--start',
      '2026-01-15T10:00',
      '--end',
      '2026-01-15T11:00',
      '--interval',
      '1m',
      '--seed',
      '7',
      '--quiet',
      '--no-validate',
    ],
  },
  {
    name: 'business-small-linked',
    args: ['business', '--out', '{dir}', '--link-building', '--rows', 'customers=50,technicians=5', '--seed', '3', '--quiet'],
  },
  {
    name: 'env-sensors-day-5m',
    args: [
      'backfill',
      '--profile',
      'env-sensors',
      '--start',
      '2025-11-01',
      '--end',
      '2025-11-02',
      '--interval',
      '5m',
      '--csv',
      '{dir}/readings.csv',
    ],
  },
];

/** Files whose content is run bookkeeping, not generated data. */
const NOT_DATA = new Set(['haysim-manifest.json']);
/** Evenly spaced lines kept per file so a changed checksum comes with a readable diff. */
const SAMPLE_LINES = 6;

export interface FileFingerprint {
  readonly sha256: string;
  readonly bytes: number;
  readonly lines: number;
  readonly sample: readonly string[];
}

export type CaseFingerprint = Record<string, FileFingerprint>;

export function runGoldenCase(c: GoldenCase, dir: string): CaseFingerprint {
  const args = c.args.map((a) => a.replaceAll('{dir}', dir));
  mkdirSync(dir, { recursive: true });
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' }, timeout: 300_000 });
  if (r.status !== 0) throw new Error(`golden case ${c.name}: haysim ${args.join(' ')} exited ${r.status}\n${r.stderr}`);
  const out: CaseFingerprint = {};
  for (const file of listFiles(dir)) out[relative(dir, file)] = fingerprint(readFileSync(file));
  return out;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return listFiles(path);
      return NOT_DATA.has(name) ? [] : [path];
    });
}

function fingerprint(bytes: Buffer): FileFingerprint {
  const lines = bytes.toString('utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  const step = Math.max(1, Math.floor(lines.length / SAMPLE_LINES));
  const sample: string[] = [];
  for (let i = 0; i < lines.length && sample.length < SAMPLE_LINES; i += step) sample.push(`${i + 1}: ${lines[i]!.slice(0, 200)}`);
  return { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length, lines: lines.length, sample };
}

/** Human-readable differences between two fingerprints of the same case. */
export function describeChanges(name: string, before: CaseFingerprint | undefined, after: CaseFingerprint): string[] {
  const changes: string[] = [];
  if (!before) return [`${name}: new case (${Object.keys(after).length} files)`];
  for (const file of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const b = before[file];
    const a = after[file];
    if (!a) changes.push(`${name}/${file}: no longer written`);
    else if (!b) changes.push(`${name}/${file}: new file (${a.lines} lines)`);
    else if (a.sha256 !== b.sha256) {
      changes.push(`${name}/${file}: changed (${b.bytes} → ${a.bytes} bytes, ${b.lines} → ${a.lines} lines)`);
      a.sample.forEach((line, i) => {
        if (line !== b.sample[i]) changes.push(`  - ${b.sample[i] ?? '(none)'}\n  + ${line}`);
      });
    }
  }
  return changes;
}
