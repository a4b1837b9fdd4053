/** File primitives of the files sinks: atomic replace, positional writes, causes people can act on. */
import { HaysimError, type IoOperation, OutputError } from '../../errors.js';
import { open, rename, rm, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';

/**
 * Replaces a file atomically: write a temp file, flush it to disk, rename over the target. Processes that
 * write the same file at once (shards) each name their own temp file with `tempSuffix`.
 */
export async function writeFileAtomic(path: string, text: string | Uint8Array, tempSuffix = '.tmp'): Promise<void> {
  const temp = `${path}${tempSuffix}`;
  const handle = await open(temp, 'w');
  try {
    try {
      await handle.writeFile(text);
      await handle.datasync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true }); // a half-written temp file (a full disk) goes too
    throw error;
  }
}

/** Writes all bytes at a position (a single write may be partial). */
export async function writeAll(handle: FileHandle, bytes: Uint8Array, position: number): Promise<void> {
  for (let done = 0; done < bytes.length; ) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, position + done);
    done += bytesWritten;
  }
}

/** File size in bytes, or -1 if there is no such file. */
export async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return -1;
    throw error;
  }
}

const IO_HINTS: Record<string, string> = {
  ENOTDIR: 'a part of the path is a file, not a directory',
  EEXIST: 'a file with that name is in the way',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
};

export function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && IO_HINTS[code]) return `${IO_HINTS[code]} (${code})`;
  return error instanceof Error ? error.message : String(error);
}

/** A failed file operation as the files output reports it: operation, path, what failed and why; haysim's own errors pass through. */
export function filesIoError(operation: IoOperation, target: string, what: string, error: unknown): HaysimError {
  if (error instanceof HaysimError) return error;
  return new OutputError('SINK_WRITE_FAILED', 'files', operation, target, `${what}: ${describeIoError(error)}`, error);
}

/** Runs a file operation, reporting its failure with filesIoError. */
export async function filesIo<T>(operation: IoOperation, target: string, what: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw filesIoError(operation, target, what, error);
  }
}
