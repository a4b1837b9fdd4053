import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { defineOutput } from '../../src/outputs/output.js';
import { OUTPUTS } from '../../src/outputs/registry.js';
import { JsonlSink, jsonlOptions } from './jsonl-sink.js';

// Adding an output: its module (jsonl-sink.ts) and this one registry line. Nothing in src/cli changes.
const outputs = [...OUTPUTS, defineOutput({ name: 'jsonl', kind: 'sink', ...jsonlOptions, create: (o) => new JsonlSink(o) })];

const SMALL = join(import.meta.dirname, '..', 'fixtures', 'profiles', 'small-office.yaml');
const RANGE = ['--profile', SMALL, '--start', '2026-07-06', '--end', '2026-07-07', '--quiet'];

/** Runs the CLI in-process with the extended registry; returns exit code, stdout and stderr. */
async function haysim(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  try {
    return { code: await main(args, { outputs }), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = 0;
  }
}

describe('a made-up output added with one module and one registry line', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'haysim-extension-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('gets flags and help generated from its options schema', async () => {
    const { code, stdout: text } = await haysim(['generate', '--help']);
    expect(code).toBe(0);
    const stdout = text.replace(/\s+/g, ' '); // help wraps to the terminal
    expect(stdout).toMatch(/--jsonl <file> write each reading as one JSON line to this file/);
    expect(stdout).toMatch(/--jsonl-every <every> jsonl: keep every n-th timestamp of each chunk \(default 1\)/);
  });

  it('receives the generated data: the same readings the files output writes', async () => {
    const file = join(dir, 'readings.jsonl');
    const files = join(dir, 'files');
    const r = await haysim(['generate', ...RANGE, '--jsonl', file, '--out', files]);
    expect(r.code, r.stderr).toBe(0);
    const lines = (await readFile(file, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const [header, ...rows] = (await readFile(join(files, 'history.csv'), 'utf8')).trim().split('\n');
    const columns = header!.split(',');
    const csv = new Map(
      rows.map((row) => {
        const f = Object.fromEntries(row.split(',').map((v, i) => [columns[i], v]));
        return [`${f.point_id} ${f.ts}`, f];
      }),
    );
    expect(lines.length).toBe(csv.size);
    expect(lines.length).toBeGreaterThan(0);
    const kinds = new Map(
      (await readFile(join(files, 'points.csv'), 'utf8'))
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => [l.split(',')[1], l]), // index,id,…,kind,…
    );
    let numbers = 0;
    for (const line of lines) {
      const row = csv.get(`${line.point} ${line.ts}`);
      expect(row, `${line.point} ${line.ts}`).toBeDefined();
      expect(line.status).toBe(row!.status);
      if (!/,Number,/.test(kinds.get(line.point) ?? '')) continue;
      expect(line.value).toBe(row!.value === '' ? null : Number(row!.value));
      numbers++;
    }
    expect(numbers).toBeGreaterThan(lines.length / 2);
  });

  it('validates its flags with its schema and names the flag in the error', async () => {
    const r = await haysim(['generate', ...RANGE, '--jsonl', join(dir, 'x.jsonl'), '--jsonl-every', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^haysim: error: --jsonl-every: .*>0/);
    const orphan = await haysim(['generate', ...RANGE, '--jsonl-every', '2']);
    expect(orphan.stderr).toMatch(/--jsonl-every needs --jsonl FILE/);
  });
});
