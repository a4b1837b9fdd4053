import type { FileHandle } from 'node:fs/promises';

/** Arrow IPC end-of-stream marker: continuation word, then a zero length. */
export const IPC_EOS = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);
const PREFIX = 8;
/** The Message table's bodyLength: its 4th field (version, header_type, header, bodyLength) in Message.fbs. */
const BODY_LENGTH_SLOT = 4 + 2 * 3;

/**
 * The encapsulated messages of an Arrow IPC stream file (a spill, arrow-ipc.ts),
 * one at a time, each whole (prefix, metadata, body): memory holds one message,
 * not the file. Stops at the end of the file or at an end-of-stream marker.
 */
export async function* ipcMessagesOf(handle: FileHandle): AsyncGenerator<Uint8Array> {
  let position = 0;
  for (;;) {
    const prefix = await readExactly(handle, new Uint8Array(PREFIX), position);
    if (!prefix) return;
    const metaLength = new DataView(prefix.buffer).getInt32(4, true);
    if (metaLength === 0) return;
    const meta = await readExactly(handle, new Uint8Array(metaLength), position + PREFIX);
    if (!meta) throw new Error(`Arrow IPC stream cut short at byte ${position}`);
    const bodyLength = messageBodyLength(meta);
    const message = new Uint8Array(PREFIX + metaLength + bodyLength);
    message.set(prefix);
    message.set(meta, PREFIX);
    if (bodyLength > 0 && !(await readExactly(handle, message.subarray(PREFIX + metaLength), position + PREFIX + metaLength)))
      throw new Error(`Arrow IPC stream cut short at byte ${position}`);
    position += message.length;
    yield message;
  }
}

/** The body length a Message flatbuffer declares (0 when the field is absent, as flatbuffers omit defaults). */
function messageBodyLength(meta: Uint8Array): number {
  const view = new DataView(meta.buffer, meta.byteOffset, meta.byteLength);
  const table = view.getUint32(0, true);
  const vtable = table - view.getInt32(table, true);
  if (BODY_LENGTH_SLOT >= view.getUint16(vtable, true)) return 0;
  const offset = view.getUint16(vtable + BODY_LENGTH_SLOT, true);
  return offset === 0 ? 0 : Number(view.getBigInt64(table + offset, true));
}

/** Fills `into` from `position`; undefined at the end of the file (nothing read), an error if the file ends part-way. */
async function readExactly(handle: FileHandle, into: Uint8Array, position: number): Promise<Uint8Array | undefined> {
  let done = 0;
  while (done < into.length) {
    const { bytesRead } = await handle.read(into, done, into.length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  if (done === 0) return undefined;
  if (done < into.length) throw new Error(`Arrow IPC stream cut short at byte ${position + done}`);
  return into;
}
