import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { ArgsError } from '../../errors.js';
import { parseCredential, type ScramCredential } from './scram.js';

/** A user who may sign in: a SCRAM credential (never a password) and whether they may change state. */
export interface ServeUser {
  readonly name: string;
  readonly credential: ScramCredential;
  readonly write: boolean;
}

const usersSchema = z.strictObject({
  users: z
    .array(
      z.strictObject({
        name: z.string().regex(/^[A-Za-z0-9_.@-]{1,64}$/, 'letters, digits, _ . @ or -, at most 64'),
        scram: z.string().describe('SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>, from haysim serve --hash-password'),
        write: z.boolean().default(false),
      }),
    )
    .min(1),
});

/** Reads users.yaml; every problem (a malformed credential, a duplicate name) names the file and the user. */
export function loadUsersFile(file: string): ReadonlyMap<string, ServeUser> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ArgsError(`--users ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const parsed = usersSchema.safeParse(parse(text));
  if (!parsed.success)
    throw new ArgsError(`--users ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ')}`);
  const users = new Map<string, ServeUser>();
  for (const u of parsed.data.users) {
    const credential = parseCredential(u.scram);
    if (!credential)
      throw new ArgsError(
        `--users ${file}: user ${u.name}: scram is not a SCRAM-SHA-256 credential (make one with haysim serve --hash-password)`,
      );
    if (users.has(u.name)) throw new ArgsError(`--users ${file}: user ${u.name} is listed twice`);
    users.set(u.name, { name: u.name, credential, write: u.write });
  }
  return users;
}
