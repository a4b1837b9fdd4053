import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { crossOriginRefusal, HostCheck, type Refusal } from '../api-auth.js';
import { DEFAULT_ITERATIONS, parseClientFirst, type ScramCredential, saltedPassword, serverFirst, verifyClientFinal } from './scram.js';
import type { ServeUser } from './users-file.js';

/** Who is asking and whether they may change state, once authentication has let them in. */
export interface Caller {
  readonly who: string;
  readonly mayWrite: boolean;
}

/** What the dashboard and every route call before serving: a refusal (HTTP status and message), or none. */
export type Authorize = (req: IncomingMessage, access: { readonly write: boolean }) => Refusal | undefined;

const TOKEN_TTL_MS = 24 * 3_600_000;
const HANDSHAKE_TTL_MS = 60_000;
/** Handshakes in progress held at once: a flood of HELLOs must not grow memory. */
const MAX_HANDSHAKES = 1024;
const MAX_TOKENS = 10_000;

interface Handshake {
  readonly user: string;
  readonly credential: ScramCredential;
  readonly started: number;
  first?: { bare: string; serverFirst: string; nonce: string };
}

/**
 * One authentication for everything `haysim serve` answers (the Haystack API, the live control routes and
 * the dashboard). With users configured, a client signs in by the Haystack auth spec's SCRAM-SHA-256
 * handshake (HELLO → SCRAM → SCRAM, carried in Authorization / WWW-Authenticate headers) and then presents
 * the bearer token it got (`Authorization: BEARER authToken=…`, or `Bearer …`); every request needs one.
 * Without users, reading is open on loopback. Changing state needs a user with `write: true` or the
 * deliberate `--allow-writes` (which gives every signed-in user, or anyone without users, write access).
 * Every request must name this server in Host (DNS rebinding); state changes from a foreign Origin are refused.
 */
export class ServeAuth {
  private readonly handshakes = new Map<string, Handshake>();
  private readonly tokens = new Map<string, { user: ServeUser; expires: number }>();
  /** fake credentials for unknown names come from this: the handshake does not tell who exists */
  private readonly secret = randomBytes(32);
  private hostCheck: HostCheck | undefined;

  constructor(
    private readonly users: ReadonlyMap<string, ServeUser> | undefined,
    private readonly allowWrites: boolean,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Called once the server listens: the Host check needs the port it got. */
  listening(host: string, port: number): void {
    this.hostCheck = new HostCheck(host, port);
  }

  get required(): boolean {
    return this.users !== undefined;
  }

  /** The caller of a request, or its refusal. */
  caller(req: IncomingMessage): Caller | Refusal {
    const host = this.hostCheck?.refusal(req);
    if (host) return host;
    if (!this.users) return { who: 'anonymous', mayWrite: this.allowWrites };
    const token = bearerToken(req.headers.authorization);
    const session = token === undefined ? undefined : this.session(token);
    if (!session)
      return { status: 401, error: 'sign in first: the Haystack SCRAM handshake (Authorization: HELLO username=…) gives a bearer token' };
    return { who: session.name, mayWrite: session.write || this.allowWrites };
  }

  /** The check the dashboard and the control routes call; a write also refuses foreign origins. */
  readonly authorize: Authorize = (req, access) => {
    const caller = this.caller(req);
    if ('status' in caller) return caller;
    if (!access.write) return undefined;
    const crossOrigin = crossOriginRefusal(req);
    if (crossOrigin) return crossOrigin;
    return caller.mayWrite
      ? undefined
      : { status: 403, error: 'this changes state: sign in as a user with write: true, or start serve with --allow-writes' };
  };

  /**
   * Answers a request whose Authorization is a step of the handshake (HELLO or SCRAM); returns false for any
   * other request. Failures answer 401 (malformed) or 403 (wrong password), never which names exist.
   */
  handshake(req: IncomingMessage, res: ServerResponse): boolean {
    const header = req.headers.authorization ?? '';
    const scheme = /^(HELLO|SCRAM)\s+(.*)$/i.exec(header);
    if (!scheme) return false;
    req.resume();
    const hostRefusal = this.hostCheck?.refusal(req);
    if (hostRefusal) return refuse(res, hostRefusal.status, hostRefusal.error);
    if (!this.users) return refuse(res, 400, 'this server has no users: no sign-in needed');
    const params = authParams(scheme[2]!);
    return scheme[1]!.toUpperCase() === 'HELLO' ? this.hello(params, res) : this.scram(params, res);
  }

  private hello(params: Map<string, string>, res: ServerResponse): true {
    const name = fromBase64Url(params.get('username') ?? '');
    if (!name || name.length > 64) return refuse(res, 401, 'HELLO needs username=<base64url of the name>');
    this.expire();
    if (this.handshakes.size >= MAX_HANDSHAKES) return refuse(res, 503, 'too many sign-ins in progress; try again shortly');
    const credential = this.users!.get(name)?.credential ?? this.decoy(name);
    const token = randomBytes(18).toString('base64url');
    this.handshakes.set(token, { user: name, credential, started: this.clock() });
    res.writeHead(401, { 'www-authenticate': `SCRAM handshakeToken=${token}, hash=SHA-256` }).end();
    return true;
  }

  private scram(params: Map<string, string>, res: ServerResponse): true {
    const token = params.get('handshakeToken') ?? '';
    this.expire();
    const shake = this.handshakes.get(token);
    const data = fromBase64Url(params.get('data') ?? '');
    if (!shake || data === undefined) return refuse(res, 401, 'unknown or expired handshakeToken, or no data: start again with HELLO');
    if (!shake.first) {
      const first = parseClientFirst(data);
      if (!first || first.user !== shake.user) return this.fail(token, res, 401, 'malformed SCRAM client-first message');
      const server = serverFirst(shake.credential, first.nonce);
      shake.first = { bare: first.bare, serverFirst: server.message, nonce: server.nonce };
      res.writeHead(401, { 'www-authenticate': `SCRAM handshakeToken=${token}, hash=SHA-256, data=${toBase64Url(server.message)}` }).end();
      return true;
    }
    const verified = verifyClientFinal(shake.credential, shake.first.bare, shake.first.serverFirst, shake.first.nonce, data);
    const user = this.users!.get(shake.user);
    this.handshakes.delete(token);
    if (!verified || !user) return refuse(res, 403, 'sign-in failed: wrong name or password');
    if (this.tokens.size >= MAX_TOKENS) this.tokens.delete(this.tokens.keys().next().value!);
    const authToken = randomBytes(32).toString('base64url');
    this.tokens.set(authToken, { user, expires: this.clock() + TOKEN_TTL_MS });
    res.writeHead(200, { 'authentication-info': `authToken=${authToken}, data=${toBase64Url(verified)}` }).end();
    return true;
  }

  private session(token: string): ServeUser | undefined {
    const s = this.tokens.get(token);
    if (!s) return undefined;
    if (s.expires <= this.clock()) {
      this.tokens.delete(token);
      return undefined;
    }
    return s.user;
  }

  private fail(token: string, res: ServerResponse, status: number, message: string): true {
    this.handshakes.delete(token);
    return refuse(res, status, message);
  }

  private expire(): void {
    const now = this.clock();
    for (const [token, h] of this.handshakes) if (now - h.started > HANDSHAKE_TTL_MS) this.handshakes.delete(token);
  }

  /** A credential no password opens, the same for a name each time, so an unknown name looks like a known one. */
  private decoy(name: string): ScramCredential {
    const salt = createHmac('sha256', this.secret).update(name).digest().subarray(0, 16);
    const key = saltedPassword(randomBytes(16).toString('hex'), salt, 1);
    return { iterations: DEFAULT_ITERATIONS, salt, storedKey: key, serverKey: key };
  }
}

/** `BEARER authToken=<t>` (the Haystack spec) or `Bearer <t>` (RFC 6750, what haystack-nclient sends). */
function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(?:authToken=)?([A-Za-z0-9_-]{16,128})\s*$/i.exec(header ?? '');
  return m?.[1];
}

/** `name=value, name=value` of an auth header. */
function authParams(text: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of text.split(',')) {
    const i = part.indexOf('=');
    if (i > 0) params.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  return params;
}

function fromBase64Url(text: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(text)) return undefined;
  return Buffer.from(text, 'base64url').toString('utf8');
}

function toBase64Url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** Answers a refused handshake step; true: the request is answered. */
function refuse(res: ServerResponse, status: number, error: string): true {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error }));
  return true;
}
