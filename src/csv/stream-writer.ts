import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

/**
 * Writes text or bytes to a Writable with backpressure: a write resolves at once while
 * the stream's buffer has room and waits for 'drain' when it is full, so a
 * fast generator never piles rows up in memory. The stream's first error
 * rejects the pending or the next write (and never goes unhandled).
 */
export class StreamWriter {
  private error: Error | undefined;

  constructor(private readonly stream: Writable) {
    stream.on('error', (e: Error) => {
      this.error ??= e;
    });
  }

  async write(chunk: string | Uint8Array): Promise<void> {
    if (this.error) throw this.error;
    if (this.stream.write(chunk)) return;
    await new Promise<void>((resolve, reject) => {
      const settle = (e?: Error) => {
        this.stream.off('drain', onDrain);
        this.stream.off('error', settle);
        this.stream.off('close', onClose);
        if (e) reject(e);
        else resolve();
      };
      const onDrain = () => settle();
      const onClose = () => settle(this.error ?? new Error('stream closed before it drained'));
      this.stream.on('drain', onDrain);
      this.stream.on('error', settle);
      this.stream.on('close', onClose);
    });
  }

  /** Ends the stream and waits until everything is flushed (for COPY: until the server accepted it). */
  async end(): Promise<void> {
    if (this.error) throw this.error;
    this.stream.end();
    await finished(this.stream);
  }

  /** Abandons the stream (after a failure elsewhere). */
  destroy(): void {
    this.stream.destroy();
  }
}
