import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/**
 * Who may call a haysim HTTP API, checked before any route runs. Any web page
 * the user opens can send requests to localhost, so a request that changes
 * something needs the bearer token (which pages cannot learn), a Host header
 * naming this server (DNS rebinding sends an attacker's name), no foreign
 * Origin, and a JSON body (a form or text/plain is what a page can post
 * without asking). Reading stays open on loopback. One mechanism for every
 * API haysim serves.
 */

/** Shortest configured token accepted: a guessable token is no credential. */
export const MIN_TOKEN_LENGTH = 16;

/** A fresh token: 256 random bits, URL-safe. */
export function generateApiToken(): string {
  return randomBytes(32).toString('base64url');
}

/** 127.0.0.0/8, ::1 and localhost: only this machine can connect. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return bare === 'localhost' || bare === '::1' || (isIP(bare) === 4 && bare.startsWith('127.'));
}

/** Why a request is refused: the HTTP status and a message for the caller. */
export interface Refusal {
  readonly status: 401 | 403 | 415 | 421;
  readonly error: string;
}

/** The Host header check: DNS rebinding sends an attacker's name for this server's address. */
export class HostCheck {
  /** Host header values this server answers to; undefined on a wildcard address (a credential guards it) */
  private readonly hosts: ReadonlySet<string> | undefined;

  constructor(host: string, port: number) {
    const wildcard = host === '0.0.0.0' || host === '::';
    const names = isLoopbackHost(host) ? ['localhost', '127.0.0.1', '[::1]', hostName(host)] : [hostName(host)];
    this.hosts = wildcard ? undefined : new Set(names.flatMap((n) => (port === 80 ? [n, `${n}:80`] : [`${n}:${port}`])));
  }

  refusal(req: IncomingMessage): Refusal | undefined {
    const host = req.headers.host?.toLowerCase();
    if (this.hosts && (!host || !this.hosts.has(host)))
      return { status: 421, error: `this server does not answer to Host "${host ?? ''}": use ${[...this.hosts][0]}` };
    return undefined;
  }
}

/** A request from a page of another origin: refused for anything that changes state. */
export function crossOriginRefusal(req: IncomingMessage): Refusal | undefined {
  const origin = req.headers.origin;
  return origin !== undefined && origin !== `http://${req.headers.host?.toLowerCase()}`
    ? { status: 403, error: `cross-origin requests are refused (Origin ${origin})` }
    : undefined;
}

export class ApiGuard {
  private readonly digest: Buffer;
  private readonly hostCheck: HostCheck;

  constructor(token: string, host: string, port: number) {
    this.digest = sha256(token);
    this.hostCheck = new HostCheck(host, port);
  }

  /** The refusal of a request, or undefined when it may proceed; `mutating` requests need the token and JSON. */
  refusal(req: IncomingMessage, mutating: boolean): Refusal | undefined {
    const hostRefusal = this.hostCheck.refusal(req);
    if (hostRefusal || !mutating) return hostRefusal;
    const crossOrigin = crossOriginRefusal(req);
    if (crossOrigin) return crossOrigin;
    const presented = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!presented || !timingSafeEqual(sha256(presented), this.digest))
      return { status: 401, error: 'this request needs the API token: Authorization: Bearer <token> (printed when the service started)' };
    const type = req.headers['content-type'];
    const hasBody = type !== undefined || Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (hasBody && !/^application\/json\s*(;|$)/i.test(type ?? ''))
      return { status: 415, error: `expected Content-Type: application/json, got ${type ?? 'none'}` };
    return undefined;
  }
}

function hostName(host: string): string {
  const lower = host.toLowerCase();
  return isIP(lower) === 6 ? `[${lower}]` : lower;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
