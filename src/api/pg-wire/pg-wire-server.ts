import { createServer, type Server, type Socket } from 'node:net';
import type { PGliteInterface } from '@electric-sql/pglite';

const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;
/** Largest message accepted: a COPY line or a query past this is no psql session. */
const MAX_MESSAGE = 64 * 1024 * 1024;

/**
 * The embedded store over the PostgreSQL wire protocol, so psql, Grafana or DBeaver connect with no
 * PostgreSQL installed. PGlite speaks the protocol itself (execProtocolRaw); this frames the socket's bytes
 * into whole messages, declines TLS, and lets one client at a time in (PGlite is a single session: a second
 * client is told so and closed). Listens on loopback only.
 */
export function startPgWireServer(db: PGliteInterface, port: number): Promise<Server> {
  let busy = false;
  const server = createServer((socket) => {
    if (busy) return refuse(socket, 'the embedded store takes one client at a time; try again when the other disconnects');
    busy = true;
    socket.once('close', () => {
      busy = false;
    });
    session(db, socket);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

function session(db: PGliteInterface, socket: Socket): void {
  let pending = Buffer.alloc(0);
  let started = false;
  let queue = Promise.resolve();
  socket.on('data', (data: Buffer) => {
    pending = Buffer.concat([pending, data]);
    const messages: Buffer[] = [];
    for (;;) {
      // the startup packet has no type byte; every later message does
      const header = started ? 5 : 4;
      if (pending.length < header) break;
      const length = pending.readInt32BE(started ? 1 : 0) + (started ? 1 : 0);
      if (length < header - (started ? 1 : 0) || length > MAX_MESSAGE) return socket.destroy();
      if (pending.length < length) break;
      const message = pending.subarray(0, length);
      pending = pending.subarray(length);
      if (!started) {
        const code = message.readInt32BE(4);
        if (code === SSL_REQUEST || code === GSS_REQUEST) {
          socket.write('N');
          continue;
        }
        started = true;
      } else if (message[0] === 0x58) {
        socket.end(); // Terminate
        return;
      }
      messages.push(message);
    }
    if (messages.length === 0) return;
    const batch = Buffer.concat(messages);
    queue = queue
      .then(async () => {
        const reply = await db.runExclusive(() => db.execProtocolRaw(new Uint8Array(batch)));
        if (!socket.destroyed) socket.write(reply);
      })
      .catch(() => {
        socket.destroy();
      });
  });
  socket.on('error', () => socket.destroy());
}

function refuse(socket: Socket, message: string): void {
  const fields = Buffer.from(`SFATAL\0C53300\0M${message}\0\0`);
  const head = Buffer.alloc(5);
  head.write('E');
  head.writeInt32BE(fields.length + 4, 1);
  socket.end(Buffer.concat([head, fields]));
}
