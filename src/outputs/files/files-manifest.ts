import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { HaysimError } from '../../errors.js';
import type { RunDescriptor } from '../output.js';

export const MANIFEST_FILE = 'haysim-manifest.json';

const chunkRecordSchema = z.object({
  index: z.number().int(),
  /** epoch ms of the chunk's first and last sample; null for an empty chunk */
  firstTs: z.number().nullable(),
  lastTs: z.number().nullable(),
  rows: z.number().int().nonnegative(),
  events: z.number().int().nonnegative(),
  /** byte lengths of history.csv and events.csv once this chunk was complete */
  historyBytes: z.number().int().nonnegative(),
  eventsBytes: z.number().int().nonnegative(),
});

const manifestSchema = z.object({
  format: z.literal('haysim-files/1'),
  profile: z.string(),
  org: z.string(),
  seed: z.number(),
  fingerprint: z.string(),
  intervalMs: z.number(),
  /** lengths of the data files with only their header, before any chunk */
  historyHeaderBytes: z.number().int().nonnegative(),
  eventsHeaderBytes: z.number().int().nonnegative(),
  /** complete chunks in the order they were written */
  chunks: z.array(chunkRecordSchema),
});

export type Manifest = z.infer<typeof manifestSchema>;

/**
 * What the directory holds: which run wrote it, which chunks are complete and how
 * long the data files were after each, so a resume can cut off a half-written chunk.
 */
export function newManifest(run: RunDescriptor, historyHeaderBytes: number, eventsHeaderBytes: number): Manifest {
  const { profile, org, seed, fingerprint, intervalMs } = run;
  return { format: 'haysim-files/1', profile, org, seed, fingerprint, intervalMs, historyHeaderBytes, eventsHeaderBytes, chunks: [] };
}

/** Byte lengths of history.csv and events.csv that hold exactly the complete chunks. */
export function committedBytes(m: Manifest): { history: number; events: number } {
  const last = m.chunks[m.chunks.length - 1];
  return last ? { history: last.historyBytes, events: last.eventsBytes } : { history: m.historyHeaderBytes, events: m.eventsHeaderBytes };
}

/** The manifest in `dir`, or undefined if there is none. */
export async function readManifest(dir: string): Promise<Manifest | undefined> {
  const path = join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let parsed: ReturnType<typeof manifestSchema.safeParse>;
  try {
    parsed = manifestSchema.safeParse(JSON.parse(text));
  } catch {
    parsed = manifestSchema.safeParse(undefined);
  }
  if (!parsed.success) {
    throw new HaysimError(
      'STORE_CONFLICT',
      `${path} is not a haysim manifest this version can read; use --reset to start the directory over, or --out with another directory`,
    );
  }
  return parsed.data;
}

/** Refuses to mix a different run's data into a directory. */
export function checkSameRun(dir: string, m: Manifest, run: RunDescriptor): void {
  const problems: string[] = [];
  if (m.fingerprint !== run.fingerprint) {
    problems.push(`profile/seed fingerprint ${m.fingerprint} (profile ${m.profile}, seed ${m.seed}), not ${run.fingerprint}`);
  }
  if (m.intervalMs !== run.intervalMs) problems.push(`interval ${m.intervalMs} ms, not ${run.intervalMs} ms`);
  if (problems.length > 0) {
    throw new HaysimError(
      'STORE_CONFLICT',
      `${dir} holds data of a different run (${problems.join('; ')}); use --reset to overwrite it, or --out with another directory`,
    );
  }
}

/** Pretty JSON with one line per chunk, so a long run's manifest stays readable. */
export function manifestJson(m: Manifest): string {
  const { chunks, ...head } = m;
  const lines = Object.entries(head).map(([k, v]) => ` ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  const records = chunks.map((c) => `\n  ${JSON.stringify(c)}`).join(',');
  lines.push(` "chunks": [${records}${chunks.length > 0 ? '\n ' : ''}]`);
  return `{\n${lines.join(',\n')}\n}\n`;
}
