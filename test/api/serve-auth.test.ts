import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { get } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type HGrid, HNum, type HStr, ZincReader } from 'haystack-core';
import { Client } from 'haystack-nclient';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { formatCredential, makeCredential } from '../../src/api/auth/scram.js';
import { loadUsersFile } from '../../src/api/auth/users-file.js';
import { type ServeHandle, serveHaystack } from '../../src/api/haystack-service.js';
import { PgliteStore } from '../../src/outputs/pglite/pglite-store.js';
import { generateOfficeStore } from '../helpers/office-store.js';

// The Haystack auth spec's SCRAM-SHA-256 handshake, run message by message as a client would (the client
// side written here from RFC 5802 with node:crypto), against the real server and a generated store.
const scratch = mkdtempSync(join(tmpdir(), 'haysim-auth-'));
const SETPOINT = 'equip-vav-1-east.zoneTempSp';
let handle: ServeHandle;
let store: PgliteStore;
let base: string;

beforeAll(async () => {
  const dir = join(scratch, 'office');
  generateOfficeStore(dir);
  // what `haysim serve --hash-password` prints, at the lowest iteration count the file accepts (a fast test)
  const users = join(scratch, 'users.yaml');
  writeFileSync(
    users,
    `users:\n  - name: reader\n    scram: "${formatCredential(makeCredential('reader-password', 4096))}"\n` +
      `  - name: operator\n    write: true\n    scram: "${formatCredential(makeCredential('operator-password', 4096))}"\n`,
  );
  store = new PgliteStore({ dataDir: dir });
  handle = await serveHaystack({ store, org: 'demo', host: '127.0.0.1', port: 0, users: loadUsersFile(users), allowWrites: false });
  base = `http://127.0.0.1:${handle.port}`;
}, 240_000);
afterAll(async () => {
  await handle?.close();
  await store?.close();
  rmSync(scratch, { recursive: true, force: true });
});

const b64url = (s: string) => Buffer.from(s).toString('base64url');
const unb64url = (s: string) => Buffer.from(s, 'base64url').toString();
const hmac = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest();
const params = (header: string | null) =>
  new Map(
    (header ?? '')
      .replace(/^\w+\s+/, '')
      .split(',')
      .map((p) => p.trim().split(/=(.*)/s).slice(0, 2) as [string, string]),
  );

/** HELLO → SCRAM client-first → SCRAM client-final, checking each answer the spec describes; the bearer token. */
async function signIn(user: string, password: string): Promise<{ status: number; token?: string }> {
  const hello = await fetch(`${base}/api/about`, { headers: { authorization: `HELLO username=${b64url(user)}` } });
  expect(hello.status).toBe(401);
  const offer = params(hello.headers.get('www-authenticate'));
  expect(hello.headers.get('www-authenticate')).toMatch(/^SCRAM /);
  expect(offer.get('hash')).toBe('SHA-256');
  const handshakeToken = offer.get('handshakeToken')!;
  const clientNonce = randomBytes(18).toString('base64url');
  const clientFirstBare = `n=${user},r=${clientNonce}`;
  const first = await fetch(`${base}/api/about`, {
    headers: { authorization: `SCRAM handshakeToken=${handshakeToken}, data=${b64url(`n,,${clientFirstBare}`)}` },
  });
  expect(first.status).toBe(401);
  const serverFirst = unb64url(params(first.headers.get('www-authenticate')).get('data')!);
  const fields = new Map(serverFirst.split(',').map((f) => [f[0]!, f.slice(2)] as const));
  expect(fields.get('r')!.startsWith(clientNonce)).toBe(true);
  const salted = pbkdf2Sync(password, Buffer.from(fields.get('s')!, 'base64'), Number(fields.get('i')), 32, 'sha256');
  const clientKey = hmac(salted, 'Client Key');
  const withoutProof = `c=biws,r=${fields.get('r')}`;
  const authMessage = `${clientFirstBare},${serverFirst},${withoutProof}`;
  const signature = hmac(createHash('sha256').update(clientKey).digest(), authMessage);
  const proof = Buffer.from(clientKey.map((b, i) => b ^ signature[i]!)).toString('base64');
  const final = await fetch(`${base}/api/about`, {
    headers: { authorization: `SCRAM handshakeToken=${handshakeToken}, data=${b64url(`${withoutProof},p=${proof}`)}` },
  });
  if (final.status !== 200) return { status: final.status };
  const info = params(final.headers.get('authentication-info'));
  // the server proves it holds the credential too
  const serverSignature = hmac(hmac(salted, 'Server Key'), authMessage).toString('base64');
  expect(unb64url(info.get('data')!)).toBe(`v=${serverSignature}`);
  return { status: 200, token: info.get('authToken') };
}

it('follows the SCRAM message flow to a bearer token that haystack-nclient then uses', async () => {
  const { status, token } = await signIn('reader', 'reader-password');
  expect(status).toBe(200);
  const spec = await fetch(`${base}/api/about`, { headers: { authorization: `BEARER authToken=${token}` } });
  expect(spec.status).toBe(200);
  const client = new Client({ base: new URL(base), fetch: globalThis.fetch, authBearer: token });
  expect((await client.ops.about()).first?.get<HStr>('whoami')?.value).toBe('reader');
  expect((await client.ops.read('site')).length).toBe(1);
});

it('refuses a wrong password, an unknown user and requests without a token, alike', async () => {
  expect((await signIn('reader', 'wrong-password')).status).toBe(403);
  expect((await signIn('nobody', 'whatever-password')).status).toBe(403);
  const anonymous = await fetch(`${base}/api/read?filter=site`);
  expect(anonymous.status).toBe(401);
  expect((ZincReader.readValue(await anonymous.text()) as HGrid).isError()).toBe(true);
  expect((await fetch(`${base}/api/about`, { headers: { authorization: 'Bearer not-a-token-at-all-xxxx' } })).status).toBe(401);
  expect((await fetch(`${base}/api/about`, { headers: { authorization: 'SCRAM handshakeToken=forged, data=bj0=' } })).status).toBe(401);
  // DNS rebinding: fetch cannot forge Host, node:http can
  const rebound = await new Promise<number>((resolve, reject) =>
    get(`${base}/api/about`, { headers: { host: 'evil.example' } }, (res) => resolve(res.resume().statusCode!)).on('error', reject),
  );
  expect(rebound).toBe(421);
});

it('lets only a user with write: true change state', async () => {
  const reader = new Client({
    base: new URL(base),
    fetch: globalThis.fetch,
    authBearer: (await signIn('reader', 'reader-password')).token,
  });
  await expect(reader.ops.pointWrite({ id: SETPOINT, level: 8, val: HNum.make(70, '°F') })).rejects.toThrow(/write permission/);
  expect((await reader.ops.pointRead(SETPOINT)).getRows().some((r) => r.has('val'))).toBe(false);
  const operator = new Client({
    base: new URL(base),
    fetch: globalThis.fetch,
    authBearer: (await signIn('operator', 'operator-password')).token,
  });
  await operator.ops.pointWrite({ id: SETPOINT, level: 8, val: HNum.make(70, '°F') });
  expect((await operator.ops.pointRead(SETPOINT)).get(7)?.get<HStr>('who')?.value).toBe('operator');
  await operator.ops.pointWrite({ id: SETPOINT, level: 8 });
});
