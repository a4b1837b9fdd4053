import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/**
 * `mkdir -p`, one level at a time. Node's `mkdir(..., { recursive: true })` never returns for
 * some paths (e.g. under /proc, where it retries ENOENT forever), so a bad `--out` would hang.
 * Errors are the file system's own (ENOTDIR, EACCES, ENOENT, ...), for the caller to name.
 */
export async function makeDirectories(path: string): Promise<void> {
  const missing: string[] = [];
  for (let dir = resolve(path); ; ) {
    const found = await stat(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (found) {
      if (!found.isDirectory()) throw Object.assign(new Error(`${dir} is not a directory`), { code: 'ENOTDIR' });
      break;
    }
    missing.push(dir);
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  for (const dir of missing.reverse()) {
    await mkdir(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
}
