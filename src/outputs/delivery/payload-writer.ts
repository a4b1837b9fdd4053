/**
 * Collects message payloads as UTF-8 bytes, back to back, in a scratch buffer
 * reused batch after batch; take() copies them out at their exact size, so a
 * queued batch holds only its own bytes.
 */
export class PayloadWriter {
  private scratch = Buffer.allocUnsafe(64 * 1024);
  private used = 0;
  private ends: number[] = [];

  add(text: string): void {
    // a UTF-16 unit takes at most 3 UTF-8 bytes: with that much room the write never truncates
    if (this.used + text.length * 3 > this.scratch.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.scratch.length * 2, this.used + text.length * 3));
      this.scratch.copy(bigger, 0, 0, this.used);
      this.scratch = bigger;
    }
    this.used += this.scratch.write(text, this.used, 'utf8');
    this.ends.push(this.used);
  }

  /** The payloads added since the last take(), and where each one ends. */
  take(): { payload: Buffer; ends: Uint32Array } {
    // its own backing store: a pooled Buffer would keep a shared 8 KiB slab alive, unaccounted
    const payload = Buffer.allocUnsafeSlow(this.used);
    this.scratch.copy(payload, 0, 0, this.used);
    const ends = Uint32Array.from(this.ends);
    this.clear();
    return { payload, ends };
  }

  clear(): void {
    this.used = 0;
    this.ends = [];
  }
}
