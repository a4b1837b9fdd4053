import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { generateApiToken, isLoopbackHost, MIN_TOKEN_LENGTH } from '../api/api-auth.js';
import { ArgsError } from '../errors.js';

/** The variable a token may come from, so it stays out of the process list. */
const TOKEN_VARIABLE = 'HAYSIM_API_TOKEN';

/** Flags of a command that serves an HTTP API: where it listens and the token that guards changes. */
export function addApiFlags(command: Command, defaultPort: string): Command {
  return command
    .option('--api-port <port>', 'port of the API on --api-host (0: any free port; "off": none)', defaultPort)
    .option('--api-host <host>', 'address the API binds to; beyond loopback it needs a configured token', '127.0.0.1')
    .option(
      '--api-token <token>',
      `bearer token for requests that change something (default: $${TOKEN_VARIABLE}, else a new one printed at start)`,
    )
    .option('--api-token-file <file>', 'read the bearer token from a file (first line)');
}

export interface ApiFlags {
  readonly host: string;
  readonly port: number;
  readonly token: string;
  /** made up at start: print it, the user has no other way to learn it */
  readonly generated: boolean;
}

/** The API flags checked, or undefined for `--api-port off`; refuses serving beyond loopback without a configured token. */
export function resolveApiFlags(o: Record<string, unknown>, env: NodeJS.ProcessEnv = process.env): ApiFlags | undefined {
  const port = parseApiPort(String(o.apiPort));
  if (port === undefined) return undefined;
  const host = String(o.apiHost);
  const configured = configuredToken(o, env);
  if (configured !== undefined && configured.length < MIN_TOKEN_LENGTH)
    throw new ArgsError(`the API token must have at least ${MIN_TOKEN_LENGTH} characters (e.g. openssl rand -hex 32)`);
  if (configured === undefined && !isLoopbackHost(host))
    throw new ArgsError(
      `--api-host ${host} serves the API beyond this machine: configure its token with --api-token-file, $${TOKEN_VARIABLE} or --api-token`,
    );
  return { host, port, token: configured ?? generateApiToken(), generated: configured === undefined };
}

function configuredToken(o: Record<string, unknown>, env: NodeJS.ProcessEnv): string | undefined {
  if (o.apiToken !== undefined && o.apiTokenFile !== undefined) throw new ArgsError('give --api-token or --api-token-file, not both');
  if (o.apiTokenFile !== undefined) {
    const file = String(o.apiTokenFile);
    try {
      return readFileSync(file, 'utf8').split('\n')[0]!.trim();
    } catch (error) {
      throw new ArgsError(`--api-token-file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
  if (o.apiToken !== undefined) return String(o.apiToken);
  return env[TOKEN_VARIABLE] || undefined;
}

function parseApiPort(text: string): number | undefined {
  if (text === 'off') return undefined;
  if (!/^\d+$/.test(text) || Number(text) > 65535) throw new ArgsError(`--api-port expects a port number 0-65535 or "off", got "${text}"`);
  return Number(text);
}
