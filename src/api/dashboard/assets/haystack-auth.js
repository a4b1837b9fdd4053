// Project Haystack authentication in the browser: HELLO, then SCRAM-SHA-256 (RFC 5802/7677) over the
// WWW-Authenticate / Authorization headers, ending in a bearer token kept for this tab in sessionStorage.
// WebCrypto does the key derivation (PBKDF2) and the HMACs; the password never leaves the page.

const TOKEN_KEY = 'haysim.authToken';
const enc = new TextEncoder();

export function savedToken() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function forgetToken() {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** The Authorization header of an authenticated request, or undefined before login. */
export function bearerHeader() {
  const token = savedToken();
  return token ? `BEARER authToken=${token}` : undefined;
}

/** Runs the handshake against `uri` (the server's /api/about); resolves with the token and keeps it. */
export async function login(user, password, uri = '/api/about') {
  const hello = await challenge(uri, `HELLO username=${b64url(enc.encode(user))}`);
  if (hello.scheme !== 'scram' || (hello.params.hash ?? '').toUpperCase() !== 'SHA-256')
    throw new Error(`the server offers ${hello.scheme} ${hello.params.hash ?? ''}: only SCRAM with SHA-256 is supported`);
  const handshakeToken = hello.params.handshaketoken;
  const nonce = b64(crypto.getRandomValues(new Uint8Array(24)));
  const clientFirstBare = `n=${saslName(user)},r=${nonce}`;
  const first = await challenge(uri, `SCRAM handshakeToken=${handshakeToken}, data=${b64url(enc.encode(`n,,${clientFirstBare}`))}`);
  const serverFirst = fromB64url(first.params.data ?? '');
  const fields = attributes(serverFirst);
  if (!fields.r?.startsWith(nonce)) throw new Error('the server answered with a nonce that is not ours');
  const iterations = Number(fields.i);
  if (!(iterations >= 1)) throw new Error('the server sent no iteration count');
  const salted = await pbkdf2(password, unb64(fields.s ?? ''), iterations);
  const clientKey = await hmac(salted, 'Client Key');
  const storedKey = new Uint8Array(await crypto.subtle.digest('SHA-256', clientKey));
  const finalBare = `c=biws,r=${fields.r}`;
  const authMessage = `${clientFirstBare},${serverFirst},${finalBare}`;
  const signature = await hmac(storedKey, authMessage);
  const proof = clientKey.map((b, i) => b ^ signature[i]);
  const res = await fetch(uri, {
    headers: {
      authorization: `SCRAM handshakeToken=${first.params.handshaketoken ?? handshakeToken}, data=${b64url(enc.encode(`${finalBare},p=${b64(proof)}`))}`,
    },
  });
  if (!res.ok)
    throw new Error(res.status === 403 || res.status === 401 ? 'wrong user name or password' : `login failed: HTTP ${res.status}`);
  const info = params(res.headers.get('authentication-info') ?? '');
  const serverSignature = await hmac(await hmac(salted, 'Server Key'), authMessage);
  if (attributes(fromB64url(info.data ?? '')).v !== b64(serverSignature))
    throw new Error('the server could not prove it knows the password');
  if (!info.authtoken) throw new Error('the server sent no authToken');
  sessionStorage.setItem(TOKEN_KEY, info.authtoken);
  return info.authtoken;
}

/** One step that must answer 401 with a WWW-Authenticate challenge: its scheme and parameters. */
async function challenge(uri, authorization) {
  const res = await fetch(uri, { headers: { authorization } });
  const header = res.headers.get('www-authenticate');
  if (res.status !== 401 || !header)
    throw new Error(res.status === 403 ? 'wrong user name or password' : `login failed: HTTP ${res.status}`);
  const space = header.indexOf(' ');
  return { scheme: header.slice(0, space < 0 ? undefined : space).toLowerCase(), params: params(space < 0 ? '' : header.slice(space + 1)) };
}

/** `a=1, b=2` → { a: '1', b: '2' } with lower-case names (header parameters are case-insensitive). */
function params(text) {
  const out = {};
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim().toLowerCase()] = part.slice(eq + 1).trim();
  }
  return out;
}

/** SCRAM attributes `r=…,s=…,i=…` (values may hold `=`: base64). */
function attributes(text) {
  return Object.fromEntries(text.split(',').map((kv) => [kv.slice(0, 1), kv.slice(2)]));
}

const saslName = (name) => name.replaceAll('=', '=3D').replaceAll(',', '=2C');

async function pbkdf2(password, salt, iterations) {
  const key = await crypto.subtle.importKey('raw', enc.encode(password), 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256));
}

async function hmac(keyBytes, message) {
  const key = await crypto.subtle.importKey('raw', keyBytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, typeof message === 'string' ? enc.encode(message) : message));
}

function b64(bytes) {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function unb64(text) {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

const b64url = (bytes) => b64(bytes).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');

function fromB64url(text) {
  const std = text.replaceAll('-', '+').replaceAll('_', '/');
  return new TextDecoder().decode(unb64(std + '='.repeat((4 - (std.length % 4)) % 4)));
}
