// A real HTTP receiver for the streaming-sink tests: node:http on 127.0.0.1,
// a random port kept across stop()/start() so a sink can find it again.
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface HttpReceiver {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** requests answered 2xx, in arrival order */
  readonly requests: ReceivedRequest[];
  /** status to answer with (default 204); anything else is not recorded */
  status: number;
  /** every JSON reading received, in arrival order (arrays flattened) */
  readings(): Record<string, unknown>[];
  /** stops listening and drops open connections (the receiver is down) */
  stop(): Promise<void>;
  /** listens again on the same port */
  start(): Promise<void>;
}

export async function startHttpReceiver(): Promise<HttpReceiver> {
  const requests: ReceivedRequest[] = [];
  let server: Server | undefined;
  let port = 0;
  const receiver: HttpReceiver = {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    requests,
    status: 204,
    readings: () =>
      requests.flatMap((r) => {
        const parsed = JSON.parse(r.body) as Record<string, unknown> | Record<string, unknown>[];
        return Array.isArray(parsed) ? parsed : [parsed];
      }),
    async stop() {
      const s = server;
      server = undefined;
      if (!s) return;
      const closed = new Promise<void>((resolve) => s.close(() => resolve()));
      s.closeAllConnections();
      await closed;
    },
    async start() {
      const s = createServer((req, res) => {
        const parts: Buffer[] = [];
        req.on('data', (b: Buffer) => parts.push(b));
        req.on('end', () => {
          if (receiver.status < 300) {
            requests.push({
              method: req.method ?? '',
              path: req.url ?? '',
              headers: req.headers,
              body: Buffer.concat(parts).toString('utf8'),
            });
          }
          res.statusCode = receiver.status;
          res.end();
        });
      });
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(port, '127.0.0.1', () => resolve());
      });
      port = (s.address() as AddressInfo).port;
      server = s;
    },
  };
  await receiver.start();
  return receiver;
}
