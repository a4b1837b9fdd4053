/** Reads the config file and `.env` from disk, then resolves the layered settings. */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { LineCounter, parseDocument } from 'yaml';
import { ProfileError } from '../errors.js';
import { resolveEnvSensorsConfig, type EnvSensorsConfig } from './env-sensors-config.js';
import type { EnvSource } from './env-sensors-env.js';

export interface LoadEnvSensorsOptions {
  /** YAML or JSON file */
  readonly configPath?: string;
  /** `.env` file; by default `./.env` when it exists */
  readonly envFile?: string;
  /** defaults to process.env */
  readonly env?: EnvSource;
  readonly preset?: string;
  /** command-line values in the config file's shape */
  readonly overrides?: Record<string, unknown>;
}

export function loadEnvSensorsConfig(options: LoadEnvSensorsOptions = {}): EnvSensorsConfig {
  const env = options.env ?? process.env;
  const envPath = options.envFile ?? (existsSync('.env') ? '.env' : undefined);
  let dotEnv: EnvSource | undefined;
  if (envPath !== undefined) {
    // parseEnv rather than process.loadEnvFile: values stay out of process.env, so the process environment keeps precedence
    dotEnv = parseEnv(readText(envPath, 'env file'));
  }
  const file = options.configPath === undefined ? undefined : parseConfigFile(options.configPath);
  return resolveEnvSensorsConfig({ file, dotEnv, env, overrides: options.overrides, preset: options.preset });
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ProfileError(
      'PROFILE_NOT_FOUND',
      `cannot read ${what} ${resolve(path)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

/** YAML (JSON is YAML too); problems point at file:line:column. */
function parseConfigFile(path: string): { name: string; data: unknown; locate: (p: readonly (string | number)[]) => string } {
  const text = readText(path, 'config file');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const pos = e.linePos?.[0];
    throw new ProfileError('PROFILE_INVALID', `${path}:${pos?.line ?? 1}:${pos?.col ?? 1}: ${e.message.split('\n')[0]}`);
  }
  const locate = (p: readonly (string | number)[]): string => {
    // the deepest node that exists (an unknown key still has its parent)
    for (let n = p.length; n > 0; n--) {
      const node = doc.getIn(p.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) {
        const { line, col } = lineCounter.linePos(node.range[0]);
        return `${path}:${line}:${col}`;
      }
    }
    return path;
  };
  return { name: path, data: doc.toJS() ?? {}, locate };
}
