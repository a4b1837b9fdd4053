// Rewrites test/golden/golden.json from the built CLI and prints what changed.
// Run it only when a change to generated values is intended, and say why in the commit.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CaseFingerprint, describeChanges, GOLDEN_CASES, GOLDEN_FILE, runGoldenCase } from '../test/golden/golden-cases.js';

const before: Record<string, CaseFingerprint> = existsSync(GOLDEN_FILE) ? JSON.parse(readFileSync(GOLDEN_FILE, 'utf8')) : {};
const after: Record<string, CaseFingerprint> = {};
const scratch = mkdtempSync(join(tmpdir(), 'haysim-golden-'));
const changes: string[] = [];
try {
  for (const c of GOLDEN_CASES) {
    after[c.name] = runGoldenCase(c, join(scratch, c.name));
    changes.push(...describeChanges(c.name, before[c.name], after[c.name]));
  }
  for (const name of Object.keys(before)) if (!after[name]) changes.push(`${name}: case removed`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
writeFileSync(GOLDEN_FILE, `${JSON.stringify(after, null, 1)}\n`);
console.log(changes.length ? changes.join('\n') : 'golden data unchanged');
