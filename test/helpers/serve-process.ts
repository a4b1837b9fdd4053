import { type ChildProcess, spawn } from 'node:child_process';
import { HAYSIM_BIN } from './office-store.js';

/** A `haysim serve` process of the built CLI and the base URL its HTTP server said it listens on. */
export interface ServeProcess {
  readonly process: ChildProcess;
  readonly base: string;
}

/** Starts `haysim serve --port 0 …args` (no DATABASE_URL from the caller's shell); resolves once it listens. */
export async function startServeProcess(args: readonly string[]): Promise<ServeProcess> {
  const child = spawn(process.execPath, [HAYSIM_BIN, 'serve', '--port', '0', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, DATABASE_URL: '' },
  });
  let said = '';
  const base = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (d) => {
      said += String(d);
      const m = /Haystack API on (http:\/\/[\d.]+:\d+)\/api/.exec(said);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${said}`)));
  });
  return { process: child, base };
}

/** SIGTERM, as Ctrl-C or a service manager stops it, and waits for it to end. */
export async function stopServeProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const ended = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await ended;
}
