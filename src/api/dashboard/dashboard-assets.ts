import { readdir, readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** The page's files: ours beside this module (the build copies them), the chart library from its package. */
const OWN = fileURLToPath(new URL('./assets/', import.meta.url));
const resolvePackage = createRequire(import.meta.url).resolve;
const VENDOR: Readonly<Record<string, string>> = {
  'uPlot.esm.js': resolvePackage('uplot/dist/uPlot.esm.js'),
  'uPlot.min.css': resolvePackage('uplot/dist/uPlot.min.css'),
};

let files: Promise<Map<string, string>> | undefined;

/** Every servable path → its file: only names listed here are ever read, so no path reaches the disk unchecked. */
function servable(): Promise<Map<string, string>> {
  files ??= readdir(OWN).then((names) => {
    const map = new Map<string, string>([['/', `${OWN}index.html`]]);
    for (const name of names) if (/^[a-z][a-z0-9-]*\.(js|css|html|svg)$/.test(name)) map.set(`/ui/${name}`, `${OWN}${name}`);
    for (const [name, file] of Object.entries(VENDOR)) map.set(`/ui/vendor/${name}`, file);
    return map;
  });
  return files;
}

/** Answers GET/HEAD of a static file; false when the path is not one. */
export async function serveAsset(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
  const file = (await servable()).get(path);
  if (!file) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'application/json' }).end(JSON.stringify({ error: 'read-only file' }));
    return true;
  }
  const body = await readFile(file);
  res.writeHead(200, {
    'content-type': TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream',
    'content-length': body.length,
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
    // the page loads only its own scripts and styles, and is never framed
    'content-security-policy': "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
  });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
