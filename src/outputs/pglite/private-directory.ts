import { chmod, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Keeps the embedded database out of other users' reach: the folder 0700 and
 * everything in it without group/other bits. PGlite's WASM file system
 * creates its files 0666 whatever the umask, so the folder's own mode is
 * what protects files it writes later; the walk also repairs folders written
 * by older versions.
 */
export async function makePrivate(dir: string): Promise<void> {
  await chmod(dir, 0o700);
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isDirectory()) await chmod(path, 0o700);
    else if (entry.isFile()) await chmod(path, 0o600);
  }
}
