import { readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { z } from 'zod';
import { ProfileError, type ProfileProblem } from '../errors.js';
import type { Profile } from './schema.js';
import { composeProfileSchema, type ProfileContributor } from './profile-fragments.js';
import { checkProfileConsistency, type RawProblem } from './check-consistency.js';
import { closestName } from '../model/defs/edit-distance.js';
import { checkProfileText, MAX_PROFILE_BYTES, MAX_YAML_ALIASES } from './profile-limits.js';

/** Built-in profiles ship as YAML in the package's `profiles/` folder. */
const BUILT_IN_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'profiles');
export const BUILT_IN_PROFILES = ['office-tower', 'industrial-campus'] as const;

export interface LoadedProfile {
  readonly profile: Profile;
  /** where it came from, for messages */
  readonly source: string;
  /** the file's text, for the run fingerprint */
  readonly text: string;
}

/** Resolves `--profile NAME|PATH`: a built-in name, or a path to a YAML file. */
export function resolveProfilePath(nameOrPath: string): string {
  if (/^[a-z0-9-]+$/.test(nameOrPath) && !nameOrPath.endsWith('.yaml')) {
    const builtIn = join(BUILT_IN_DIR, `${nameOrPath}.yaml`);
    if (existsSync(builtIn)) return builtIn;
    const hint = closestName(nameOrPath, BUILT_IN_PROFILES);
    throw new ProfileError(
      'PROFILE_NOT_FOUND',
      `unknown profile "${nameOrPath}": built-in profiles are ${BUILT_IN_PROFILES.join(', ')}${hint ? ` (did you mean "${hint}"?)` : ''}, or pass a path to a .yaml file`,
    );
  }
  const path = resolve(nameOrPath);
  if (!existsSync(path)) throw new ProfileError('PROFILE_NOT_FOUND', `profile file not found: ${path}`);
  return path;
}

/** Loads a profile for the equipment types of `types` (the registry: each contributes its section of the YAML). */
export async function loadProfile(nameOrPath: string, types: readonly ProfileContributor[]): Promise<LoadedProfile> {
  const path = resolveProfilePath(nameOrPath);
  let text: string;
  try {
    // the size first: a huge file is refused before it is read into memory
    const { size } = await stat(path);
    if (size > MAX_PROFILE_BYTES)
      throw invalid(path, [
        { location: path, path: '', message: `file of ${size} bytes; a profile may have at most ${MAX_PROFILE_BYTES}` },
      ]);
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof ProfileError) throw error;
    throw new ProfileError('PROFILE_NOT_FOUND', `cannot read profile ${path}: ${(error as Error).message}`);
  }
  return { profile: parseProfile(text, path, types), source: path, text };
}

/** Parses and validates profile text; every problem is reported at once with file:line:column. */
export function parseProfile(text: string, file: string, types: readonly ProfileContributor[]): Profile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => {
      const [line, col] = e.linePos?.[0] ? [e.linePos[0].line, e.linePos[0].col] : [1, 1];
      return {
        location: `${file}:${line}:${col}`,
        path: '',
        message: (e.message.split('\n')[0] ?? 'YAML syntax error').replace(/ at line \d+, column \d+:?$/, ''),
      };
    });
    throw invalid(file, problems);
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    // yaml refuses a document whose aliases expand too far ("billion laughs")
    throw invalid(file, [
      { location: `${file}:1:1`, path: '', message: `${(error as Error).message} (at most ${MAX_YAML_ALIASES} alias expansions)` },
    ]);
  }
  const problems = textProblems(raw);
  // the schema only sees bounded text: a megabyte name is refused before it is matched or echoed
  const schema = schemaFor(types);
  const parsed = problems.length === 0 ? schema.safeParse(raw) : undefined;
  if (parsed)
    problems.push(
      ...(parsed.success
        ? checkProfileConsistency(parsed.data, types)
        : parsed.error.issues.flatMap((issue) => describeIssue(schema, issue))),
    );
  if (problems.length > 0 || !parsed?.success) {
    throw invalid(
      file,
      problems.map(({ pathParts, atKey, ...p }) => ({ ...p, location: locate(doc, lineCounter, file, pathParts, atKey === true) })),
    );
  }
  return parsed.data as Profile;
}

function textProblems(raw: unknown): RawProblem[] {
  const problems: RawProblem[] = [];
  checkProfileText(raw, (pathParts, message) => problems.push({ pathParts, path: formatPath(pathParts), message }));
  return problems;
}

/** One composed schema per registry. */
const schemas = new WeakMap<readonly ProfileContributor[], z.ZodType<Profile>>();
function schemaFor(types: readonly ProfileContributor[]): z.ZodType<Profile> {
  let schema = schemas.get(types);
  if (!schema) schemas.set(types, (schema = composeProfileSchema(types)));
  return schema;
}

function describeIssue(profileSchema: z.ZodType, issue: z.core.$ZodIssue): RawProblem[] {
  const parts = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeysAt(profileSchema, parts);
    return issue.keys.map((key) => {
      const hint = closestName(key, known);
      return {
        pathParts: [...parts, key],
        atKey: true,
        path: formatPath([...parts, key]),
        message: `unknown key "${key}"${hint ? ` (did you mean "${hint}"?)` : known.length ? `; expected one of ${known.join(', ')}` : ''}`,
      };
    });
  }
  const found = issue.code === 'invalid_type' && 'input' in issue ? describeFound(issue.input) : undefined;
  return [
    {
      pathParts: parts,
      path: formatPath(parts),
      message: issue.message.replace(/^Invalid input: /, '') + (found ? `, found ${found}` : ''),
    },
  ];
}

function describeFound(input: unknown): string {
  if (input === undefined) return 'nothing';
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  return typeof input === 'object' ? 'a mapping' : JSON.stringify(input);
}

/** The keys the schema accepts at a path, for "did you mean" hints. */
function knownKeysAt(profileSchema: z.ZodType, parts: (string | number)[]): string[] {
  let schema: unknown = profileSchema;
  for (const part of parts) {
    schema = unwrap(schema);
    const def = (schema as { def?: { type?: string; shape?: Record<string, unknown>; element?: unknown } }).def;
    if (def?.type === 'object' && typeof part === 'string') schema = def.shape?.[part];
    else if (def?.type === 'array') schema = def.element;
    else return [];
  }
  const def = (unwrap(schema) as { def?: { type?: string; shape?: Record<string, unknown> } }).def;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

function unwrap(schema: unknown): unknown {
  let s = schema as { def?: { type?: string; innerType?: unknown } };
  while (s?.def && ['default', 'optional', 'prefault', 'nullable'].includes(s.def.type ?? '')) {
    s = s.def.innerType as typeof s;
  }
  return s;
}

function formatPath(parts: readonly (string | number)[]): string {
  return parts.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('') || '(top level)';
}

/** file:line:col of the deepest YAML node that exists along the path. */
function locate(doc: Document, lc: LineCounter, file: string, parts: (string | number)[], atKey: boolean): string {
  if (atKey && parts.length > 0) {
    const parent = parts.length === 1 ? doc.contents : doc.getIn(parts.slice(0, -1), true);
    const key = isNode(parent) && 'items' in parent ? findKeyNode(parent, parts[parts.length - 1]) : undefined;
    if (key?.range) {
      const { line, col } = lc.linePos(key.range[0]);
      return `${file}:${line}:${col}`;
    }
  }
  for (let n = parts.length; n >= 0; n--) {
    const sub = parts.slice(0, n);
    const node = n === 0 ? doc.contents : doc.getIn(sub, true);
    if (isNode(node) && node.range) {
      const { line, col } = lc.linePos(node.range[0]);
      return `${file}:${line}:${col}`;
    }
    // a missing key: point at the key's pair if the parent is a map
    if (n > 0 && n === parts.length) {
      const parent = n - 1 === 0 ? doc.contents : doc.getIn(parts.slice(0, n - 1), true);
      const pair = isNode(parent) && 'items' in parent ? findKeyNode(parent, parts[n - 1]) : undefined;
      if (pair?.range) {
        const { line, col } = lc.linePos(pair.range[0]);
        return `${file}:${line}:${col}`;
      }
    }
  }
  return `${file}:1:1`;
}

function findKeyNode(parent: unknown, key: string | number | undefined): { range?: [number, number, number] } | undefined {
  const items = (parent as { items?: Array<{ key?: { value?: unknown; range?: [number, number, number] } }> }).items ?? [];
  return items.find((item) => item.key?.value === key)?.key;
}

function invalid(file: string, problems: ProfileProblem[]): ProfileError {
  const lines = problems.map((p) => `${p.location}: ${p.path ? `${p.path}: ` : ''}${p.message}`);
  const message =
    lines.length === 1
      ? `invalid profile: ${lines[0]}`
      : `invalid profile ${file} (${lines.length} problems):\n${lines.map((l) => `  ${l}`).join('\n')}`;
  return new ProfileError('PROFILE_INVALID', message, problems);
}
