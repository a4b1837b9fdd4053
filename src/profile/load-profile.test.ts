import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { yamlAliasBomb } from '../../test/fixtures/yaml-alias-bomb.js';
import { EQUIPMENT_TYPES } from '../equipment/index.js';
import { BUILT_IN_PROFILES, loadProfile, parseProfile } from './load-profile.js';

const SMALL = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'profiles', 'small-office.yaml');
const text = readFileSync(SMALL, 'utf8');
const parse = (yaml: string) => () => parseProfile(yaml, 'p.yaml', EQUIPMENT_TYPES);
const scratch = mkdtempSync(join(tmpdir(), 'haysim-profile-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('built-in profiles', () => {
  it('lists every YAML file of profiles/, and each loads by its name', async () => {
    const files = readdirSync(join(import.meta.dirname, '..', '..', 'profiles')).filter((f) => f.endsWith('.yaml'));
    expect([...BUILT_IN_PROFILES].sort()).toEqual(files.map((f) => f.replace(/\.yaml$/, '')).sort());
    for (const name of BUILT_IN_PROFILES) expect((await loadProfile(name, EQUIPMENT_TYPES)).profile.name).toBe(name);
  });

  it('names them in the error for an unknown one, with a hint', async () => {
    await expect(loadProfile('industrial-campas', EQUIPMENT_TYPES)).rejects.toThrow(
      /built-in profiles are office-tower, industrial-campus \(did you mean "industrial-campus"\?\)/,
    );
  });
});

describe('profile bounds: refused as an invalid profile before anything is built', () => {
  it('accepts the fixture as it is (the bounds leave real profiles alone)', () => {
    expect(parseProfile(text, 'p.yaml', EQUIPMENT_TYPES).site.dis).toBe('Downtown Office Tower');
  });

  it('refuses a YAML alias bomb without expanding it', () => {
    expect(parse(`${yamlAliasBomb()}${text}`)).toThrow(/p\.yaml:1:1: .*[Aa]lias.*at most 100 alias expansions/);
  });

  it('refuses a date that has the shape of one but names no day', () => {
    expect(parse(text.replace('installed: 2018-05-01', 'installed: 2018-13-45'))).toThrow(
      /p\.yaml:\d+:\d+: vav\.installed: expected a date that exists/,
    );
    expect(parse(text.replace('installed: 2018-05-01', 'installed: 2023-02-29'))).toThrow(/vav\.installed: expected a date that exists/);
    expect(parseProfile(text.replace('installed: 2018-05-01', 'installed: 2024-02-29'), 'p.yaml', EQUIPMENT_TYPES)).toBeTruthy();
  });

  it('refuses a control character in any string, naming where', () => {
    expect(parse(text.replace('dis: Downtown Office Tower', 'dis: "Downtown\\0Tower"'))).toThrow(
      /p\.yaml:\d+:\d+: site\.dis: control character U\+0000/,
    );
    expect(parse(text.replace('model: 19XR', 'model: "19\\x1bXR"'))).toThrow(/plant\.chillers\[0\]\.model: control character U\+001B/);
  });

  it('refuses a megabyte string without echoing it', () => {
    let message = '';
    try {
      parse(text.replace('dis: Downtown Office Tower', `dis: ${'x'.repeat(1_000_000)}`))();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/site\.dis: text of 1000000 characters; at most 1024/);
    expect(message.length).toBeLessThan(300);
  });

  it('refuses a file over 1 MB before reading it', async () => {
    const big = join(scratch, 'big.yaml');
    writeFileSync(big, `${text}\n${'# padding\n'.repeat(110_000)}`);
    await expect(loadProfile(big, EQUIPMENT_TYPES)).rejects.toThrow(/big\.yaml: file of \d+ bytes; a profile may have at most 1048576/);
  });
});
