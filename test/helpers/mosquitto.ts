// A throwaway Mosquitto broker for the MQTT tests: generated config, a free
// port on 127.0.0.1, stop/start on the same port (the broker going down).
// Without the binary, describeWithMosquitto skips loudly (never passes).
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';

export interface TestBroker {
  /** mqtt://127.0.0.1:<port> */
  readonly url: string;
  readonly port: number;
  /** stops the broker (SIGTERM: a persistent broker saves its sessions; SIGKILL: nothing) */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** starts it again on the same port and waits until it accepts connections */
  start(): Promise<void>;
  /** stops it and removes its files */
  dispose(): Promise<void>;
}

/** The mosquitto binary: HAYSIM_TEST_MOSQUITTO_BIN, /usr/sbin/mosquitto, or PATH. */
export function findMosquitto(): string | undefined {
  const env = process.env.HAYSIM_TEST_MOSQUITTO_BIN?.trim();
  if (env === 'none') return undefined;
  if (env) return env;
  if (existsSync('/usr/sbin/mosquitto')) return '/usr/sbin/mosquitto';
  const found = spawnSync('sh', ['-c', 'command -v mosquitto'], { encoding: 'utf8' });
  return found.status === 0 && found.stdout.trim() ? found.stdout.trim() : undefined;
}

/** describe() with a broker binary; otherwise describe.skip with a loud warning. */
export function describeWithMosquitto(name: string, fn: () => void): void {
  if (findMosquitto()) {
    describe(name, fn);
    return;
  }
  console.warn(
    `\n!!! MQTT tests SKIPPED: "${name}" — no mosquitto binary (install the mosquitto package, as .ci/run does, or set HAYSIM_TEST_MOSQUITTO_BIN)\n`,
  );
  describe.skip(name, fn);
}

/**
 * Starts a broker. `persistence` keeps sessions and queued QoS 1 messages across
 * a SIGTERM restart (so a persistent test subscriber misses nothing while down).
 * `settings` are mosquitto.conf options that replace the defaults below
 * (the bench's deployment tuning); an array repeats an option.
 */
export async function startMosquitto(
  options: { persistence?: boolean; settings?: Readonly<Record<string, string | readonly string[]>> } = {},
): Promise<TestBroker> {
  const bin = findMosquitto();
  if (!bin) throw new Error('mosquitto is not installed');
  const dir = await mkdtemp(join(tmpdir(), 'haysim-mosquitto-'));
  const port = await freePort();
  const config = join(dir, 'mosquitto.conf');
  const log = join(dir, 'mosquitto.log');
  const settings: Record<string, string | readonly string[]> = {
    allow_anonymous: 'true',
    persistence: options.persistence ? 'true' : 'false',
    ...(options.persistence ? { persistence_location: `${dir}/` } : {}),
    max_queued_messages: '0', // tests count every message: no per-client queue limit
    max_inflight_messages: '0',
    log_dest: `file ${log}`,
    ...options.settings,
  };
  // an array value repeats the option (log_type error, log_type warning)
  const lines = [
    `listener ${port} 127.0.0.1`,
    ...Object.entries(settings).flatMap(([k, v]) => (typeof v === 'string' ? [v] : v).map((x) => `${k} ${x}`)),
  ];
  await writeFile(config, `${lines.join('\n')}\n`);
  let child: ChildProcess | undefined;
  const broker: TestBroker = {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    async start() {
      if (child) return;
      const proc = spawn(bin, ['-c', config], { stdio: 'ignore' });
      child = proc;
      const exited = new Promise<never>((_, reject) =>
        proc.once('exit', async (code) => reject(new Error(`mosquitto exited (${code}): ${await readFile(log, 'utf8').catch(() => '')}`))),
      );
      exited.catch(() => undefined);
      await Promise.race([waitForPort(port, 10_000), exited]);
    },
    async stop(signal = 'SIGTERM') {
      const proc = child;
      child = undefined;
      if (!proc || proc.exitCode !== null) return;
      const gone = new Promise((resolve) => proc.once('exit', resolve));
      proc.kill(signal);
      await gone;
    },
    async dispose() {
      await broker.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  await broker.start();
  return broker;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = createConnection({ port, host: '127.0.0.1' }, () => {
        c.destroy();
        resolve(true);
      });
      c.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`mosquitto did not accept connections on 127.0.0.1:${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
