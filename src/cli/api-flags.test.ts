import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveApiFlags } from './api-flags.js';

const scratch = mkdtempSync(join(tmpdir(), 'haysim-api-flags-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const flags = (more: Record<string, unknown> = {}) => ({ apiPort: '8787', apiHost: '127.0.0.1', ...more });
const TOKEN = 'a-configured-token-0123';

describe('API flags', () => {
  it('serves nothing with --api-port off', () => {
    expect(resolveApiFlags(flags({ apiPort: 'off' }), {})).toBeUndefined();
  });

  it('makes up a fresh random token on loopback when none is configured', () => {
    const a = resolveApiFlags(flags(), {})!;
    const b = resolveApiFlags(flags(), {})!;
    expect(a).toMatchObject({ host: '127.0.0.1', port: 8787, generated: true });
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
  });

  it('takes the token from the flag, the file or the environment', () => {
    const file = join(scratch, 'token');
    writeFileSync(file, `${TOKEN}\n`);
    expect(resolveApiFlags(flags({ apiToken: TOKEN }), {})).toMatchObject({ token: TOKEN, generated: false });
    expect(resolveApiFlags(flags({ apiTokenFile: file }), {})).toMatchObject({ token: TOKEN, generated: false });
    expect(resolveApiFlags(flags(), { HAYSIM_API_TOKEN: TOKEN })).toMatchObject({ token: TOKEN, generated: false });
  });

  it('refuses serving beyond loopback without a configured token, and short or doubly given tokens', () => {
    expect(() => resolveApiFlags(flags({ apiHost: '0.0.0.0' }), {})).toThrow(/--api-host 0\.0\.0\.0 serves the API beyond this machine/);
    expect(resolveApiFlags(flags({ apiHost: '0.0.0.0' }), { HAYSIM_API_TOKEN: TOKEN })).toMatchObject({ host: '0.0.0.0' });
    expect(() => resolveApiFlags(flags({ apiToken: 'short' }), {})).toThrow(/at least 16 characters/);
    expect(() => resolveApiFlags(flags({ apiToken: TOKEN, apiTokenFile: 'x' }), {})).toThrow(/not both/);
    expect(() => resolveApiFlags(flags({ apiTokenFile: join(scratch, 'missing') }), {})).toThrow(/--api-token-file .*missing: ENOENT/);
  });
});
