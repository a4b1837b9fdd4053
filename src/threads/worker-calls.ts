import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parentPort, type Transferable, Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts the worker module `name` that sits beside the module at `base`
 * (its import.meta.url): the built `.js`, or, when running from sources
 * (the tests), the `.ts` through tsx.
 */
export function startWorker(base: string, name: string, options: WorkerOptions = {}): Worker {
  const built = new URL(`./${name}.js`, base);
  if (existsSync(fileURLToPath(built))) return new Worker(built, options);
  const source = JSON.stringify(new URL(`./${name}.ts`, base).href);
  return new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${source}); })`, { ...options, eval: true });
}

interface Reply {
  readonly id: number;
  readonly result?: unknown;
  readonly error?: Record<string, unknown>;
}

/** Fields of a driver error worth keeping across the thread boundary (the store maps errors by them). */
const ERROR_FIELDS = ['message', 'code', 'table', 'constraint', 'detail', 'severity', 'name'] as const;

/**
 * Request/reply over a worker: each call resolves with the worker's result
 * or rejects with its error (message, code and the driver's fields kept).
 * If the worker dies, every pending call rejects.
 */
export class WorkerCalls<Request> {
  private next = 0;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private failure: Error | undefined;

  constructor(private readonly worker: Worker) {
    worker.on('message', (reply: Reply) => {
      const call = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.error) call?.reject(Object.assign(new Error(String(reply.error.message)), reply.error));
      else call?.resolve(reply.result);
    });
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', (code) => this.failAll(new Error(`worker thread exited (code ${code})`)));
  }

  call<Result>(request: Request, transfer: readonly Transferable[] = []): Promise<Result> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.next++;
    return new Promise<Result>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ id, request }, [...transfer]);
    });
  }

  async terminate(): Promise<void> {
    this.failure ??= new Error('worker thread closed');
    await this.worker.terminate();
  }

  private failAll(error: Error): void {
    this.failure ??= error;
    for (const call of this.pending.values()) call.reject(error);
    this.pending.clear();
  }
}

/**
 * The worker's side: answers each request in turn (one at a time, in order)
 * with what `handle` returns; `transferOf` names the buffers of a result that
 * move to the caller instead of being copied.
 */
export function serveCalls<Request>(
  handle: (request: Request) => Promise<unknown>,
  transferOf: (result: unknown) => readonly Transferable[] = () => [],
): void {
  const port = parentPort;
  if (!port) throw new Error('serveCalls() runs in a worker thread');
  let queue = Promise.resolve();
  port.on('message', ({ id, request }: { id: number; request: Request }) => {
    queue = queue.then(async () => {
      try {
        const result = await handle(request);
        port.postMessage({ id, result }, [...transferOf(result)]);
      } catch (error) {
        const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as Record<string, unknown>;
        port.postMessage({ id, error: Object.fromEntries(ERROR_FIELDS.filter((k) => e?.[k] !== undefined).map((k) => [k, e[k]])) });
      }
    });
  });
}
