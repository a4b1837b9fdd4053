import type { IncomingMessage, ServerResponse } from 'node:http';
import { HAYSON_MIME_TYPE, HDict, HGrid, HMarker, HStr, type HVal, Kind, makeValue, valueIsKind, ZincReader } from 'haystack-core';
import { HaystackRequestError } from './haystack-errors.js';

/** Largest request body read: a hisWrite of a day of 1-minute data fits well within it. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Encodings a response can take, in the Haystack spec's names. */
export type GridEncoding = 'zinc' | 'json' | 'json3';

/** The formats the server reads and writes (the `filetypes` / `formats` op). */
export const FORMATS = [
  { mime: 'text/zinc', name: 'zinc', read: true },
  { mime: HAYSON_MIME_TYPE, name: 'json', read: true },
  { mime: 'application/json', name: 'json', read: true },
  { mime: 'application/vnd.haystack+json;version=3', name: 'json3', read: false },
] as const;

/**
 * The response encoding the Accept header asks for, first listed first: Zinc by default, Hayson (Haystack 4
 * JSON) for application/json or application/vnd.haystack+json, version 3 JSON with `;version=3`.
 */
export function negotiate(accept: string | undefined): GridEncoding {
  for (const part of (accept ?? '').split(',')) {
    const media = part.trim().toLowerCase();
    if (media.startsWith('text/zinc') || media.startsWith('text/plain') || media.startsWith('*/*')) return 'zinc';
    if (media.startsWith('application/json') || media.startsWith(HAYSON_MIME_TYPE))
      return /;\s*version\s*=\s*3/.test(media) ? 'json3' : 'json';
  }
  return 'zinc';
}

export function sendGrid(res: ServerResponse, grid: HGrid, encoding: GridEncoding, status = 200): void {
  const [type, body] =
    encoding === 'zinc'
      ? ['text/zinc; charset=utf-8', grid.toZinc()]
      : encoding === 'json'
        ? ['application/json; charset=utf-8', grid.toJSONString()]
        : ['application/json; charset=utf-8', JSON.stringify(grid.toJSONv3())];
  res.writeHead(status, { 'content-type': type }).end(body);
}

/** The Haystack error grid: `err` marker, `dis` for people, `errType` for programs. */
export function errorGrid(message: string, errType = 'haysim::RequestErr'): HGrid {
  return HGrid.make({ meta: HDict.make({ err: HMarker.make(), dis: HStr.make(message), errType: HStr.make(errType) }) });
}

/**
 * The request grid. GET: one row of the query parameters, each read as a Zinc scalar where it is one
 * (`id=@a`, `limit=10`) and as a string otherwise (`filter=site`, `range=today`). POST: the body, in Zinc
 * or Hayson JSON by its Content-Type, at most MAX_BODY_BYTES.
 */
export async function readRequestGrid(req: IncomingMessage, url: URL): Promise<HGrid> {
  if (req.method === 'GET' || req.method === 'HEAD') {
    const row: Record<string, HVal> = {};
    for (const [name, text] of url.searchParams) row[name] = scalar(text);
    return url.searchParams.size === 0 ? HGrid.make({}) : HGrid.make({ rows: [HDict.make(row)] });
  }
  if (req.method !== 'POST') throw new HaystackRequestError(`method ${req.method} is not supported: GET or POST`, 405);
  const text = await readBody(req);
  if (text.trim() === '') return HGrid.make({});
  const type = (req.headers['content-type'] ?? 'text/zinc').toLowerCase();
  let value: HVal | null | undefined;
  try {
    if (type.startsWith('application/json') || type.startsWith(HAYSON_MIME_TYPE)) value = makeValue(JSON.parse(text));
    else if (type.startsWith('text/zinc') || type.startsWith('text/plain')) value = ZincReader.readValue(text);
    else throw new HaystackRequestError(`Content-Type ${type} is not read: send text/zinc or application/json`, 415);
  } catch (error) {
    if (error instanceof HaystackRequestError) throw error;
    throw new HaystackRequestError(`the request body is not a grid: ${(error as Error).message}`);
  }
  if (!value || !valueIsKind<HGrid>(value, Kind.Grid)) throw new HaystackRequestError('the request body is not a grid');
  return value;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    req.resume();
    throw new HaystackRequestError(`the request body is larger than ${MAX_BODY_BYTES} bytes`, 413);
  }
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of req) {
    size += (part as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      req.resume();
      throw new HaystackRequestError(`the request body is larger than ${MAX_BODY_BYTES} bytes`, 413);
    }
    parts.push(part as Buffer);
  }
  return Buffer.concat(parts).toString('utf8');
}

/** A query parameter as the Zinc scalar it spells exactly (`@a`, `10`, `2025-07-14`), else as a string. */
function scalar(text: string): HVal {
  try {
    const value = ZincReader.readValue(text);
    if (value && !valueIsKind(value, Kind.Grid) && (value as HVal).toZinc() === text) return value;
  } catch {
    // not Zinc: a string, as the spec's own examples send filters and ranges (`filter=site`, `range=today`)
  }
  return HStr.make(text);
}
