import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * SCRAM-SHA-256 (RFC 5802, RFC 7677) as the Haystack auth spec runs it: the server keeps only the salted
 * keys, never the password. Credentials are written as PostgreSQL writes them:
 * `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>` (base64).
 */
export interface ScramCredential {
  readonly iterations: number;
  readonly salt: Buffer;
  readonly storedKey: Buffer;
  readonly serverKey: Buffer;
}

/** OWASP's 2023 floor for PBKDF2-HMAC-SHA256 is far higher, but each login pays it once per token. */
export const DEFAULT_ITERATIONS = 100_000;
const FORMAT = /^SCRAM-SHA-256\$(\d+):([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)$/;

export function makeCredential(password: string, iterations = DEFAULT_ITERATIONS, salt: Buffer = randomBytes(16)): ScramCredential {
  const salted = saltedPassword(password, salt, iterations);
  return { iterations, salt, storedKey: sha256(hmac(salted, 'Client Key')), serverKey: hmac(salted, 'Server Key') };
}

export function formatCredential(c: ScramCredential): string {
  return `SCRAM-SHA-256$${c.iterations}:${c.salt.toString('base64')}$${c.storedKey.toString('base64')}:${c.serverKey.toString('base64')}`;
}

/** The credential in its text form, or undefined when the text is not one. */
export function parseCredential(text: string): ScramCredential | undefined {
  const m = FORMAT.exec(text.trim());
  if (!m) return undefined;
  const c = { iterations: Number(m[1]), salt: b64(m[2]!), storedKey: b64(m[3]!), serverKey: b64(m[4]!) };
  return c.iterations >= 4096 && c.storedKey.length === 32 && c.serverKey.length === 32 ? c : undefined;
}

/** The client's first message, bare (`n=user,r=nonce`), and its nonce; undefined when malformed. */
export function parseClientFirst(message: string): { bare: string; user: string; nonce: string } | undefined {
  // no channel binding (`n,,`): the Haystack handshake runs over plain HTTP or TLS terminated elsewhere
  const m = /^n,(?:a=[^,]*)?,(n=([^,]*),r=([\x21-\x2b\x2d-\x7e]{8,256}))$/.exec(message);
  return m ? { bare: m[1]!, user: decodeName(m[2]!), nonce: m[3]! } : undefined;
}

/** The server's first message for a client nonce: the combined nonce, the salt and the iterations. */
export function serverFirst(credential: ScramCredential, clientNonce: string): { message: string; nonce: string } {
  const nonce = clientNonce + randomBytes(18).toString('base64url');
  return { message: `r=${nonce},s=${credential.salt.toString('base64')},i=${credential.iterations}`, nonce };
}

/**
 * Checks the client's final message (`c=biws,r=<nonce>,p=<proof>`) against the credential; returns the
 * server's final message (`v=<ServerSignature>`) when the proof holds, undefined when it does not.
 */
export function verifyClientFinal(
  credential: ScramCredential,
  clientFirstBare: string,
  serverFirstMessage: string,
  nonce: string,
  clientFinal: string,
): string | undefined {
  const m = /^(c=biws,r=([^,]+)),p=([A-Za-z0-9+/=]+)$/.exec(clientFinal);
  if (!m || m[2] !== nonce) return undefined;
  const authMessage = `${clientFirstBare},${serverFirstMessage},${m[1]}`;
  const proof = b64(m[3]!);
  const signature = hmac(credential.storedKey, authMessage);
  if (proof.length !== signature.length) return undefined;
  const clientKey = Buffer.from(proof.map((byte, i) => byte ^ signature[i]!));
  if (!timingSafeEqual(sha256(clientKey), credential.storedKey)) return undefined;
  return `v=${hmac(credential.serverKey, authMessage).toString('base64')}`;
}

export function saltedPassword(password: string, salt: Buffer, iterations: number): Buffer {
  return pbkdf2Sync(password.normalize('NFKC'), salt, iterations, 32, 'sha256');
}

export function hmac(key: Buffer, text: string): Buffer {
  return createHmac('sha256', key).update(text).digest();
}

export function sha256(data: Buffer): Buffer {
  return createHash('sha256').update(data).digest();
}

function b64(text: string): Buffer {
  return Buffer.from(text, 'base64');
}

/** RFC 5802 names escape `,` as =2C and `=` as =3D. */
function decodeName(name: string): string {
  return name.replace(/=2C/g, ',').replace(/=3D/g, '=');
}
