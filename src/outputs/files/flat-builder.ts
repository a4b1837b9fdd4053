/**
 * The few FlatBuffers an Arrow IPC message header needs (tables of scalars,
 * strings, offsets and vectors of structs), built back to front as the format
 * lays them out: an object is referred to by its distance from the buffer's
 * end (`used` when it was finished), so references never move as it grows.
 */
export class FlatBuilder {
  private bytes = new Uint8Array(512);
  private view = new DataView(this.bytes.buffer);
  private used = 0;
  private maxAlign = 1;

  /** Pads so that, after `extra` more bytes, the size written is a multiple of `size`. */
  private align(size: number, extra = 0): void {
    this.maxAlign = Math.max(this.maxAlign, size);
    const pad = (size - ((this.used + extra) % size)) % size;
    this.reserve(pad + extra);
    this.bytes.fill(0, this.at(this.used + pad), this.at(this.used));
    this.used += pad;
  }

  private reserve(n: number): void {
    if (this.used + n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.used + n + 64));
    grown.set(this.bytes.subarray(this.at(this.used)), grown.length - this.used);
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }

  /** Index in `bytes` of the object `ref` bytes from the end. */
  private at(ref: number): number {
    return this.bytes.length - ref;
  }

  private put(size: number, write: (at: number) => void): number {
    this.align(size);
    this.reserve(size);
    this.used += size;
    write(this.at(this.used));
    return this.used;
  }

  int8(v: number): number {
    return this.put(1, (at) => this.view.setUint8(at, v));
  }
  int16(v: number): number {
    return this.put(2, (at) => this.view.setInt16(at, v, true));
  }
  int32(v: number): number {
    return this.put(4, (at) => this.view.setInt32(at, v, true));
  }
  /** a whole number in [0, 2^53) as int64, no BigInt */
  int64(v: number): number {
    return this.put(8, (at) => {
      this.view.setUint32(at, v % 0x1_0000_0000, true);
      this.view.setUint32(at + 4, Math.floor(v / 0x1_0000_0000), true);
    });
  }
  /** a reference to the object finished at `ref` */
  offset(ref: number): number {
    return this.put(4, (at) => this.view.setUint32(at, this.used - ref, true));
  }

  string(text: string): number {
    const utf8 = new TextEncoder().encode(text);
    this.align(4, utf8.length + 1);
    this.reserve(utf8.length + 1);
    this.used += utf8.length + 1; // the terminating 0 stays 0 (fresh or cleared bytes)
    this.bytes.set(utf8, this.at(this.used));
    this.bytes[this.at(this.used) + utf8.length] = 0;
    return this.int32(utf8.length);
  }

  /** A vector of `count` elements of `size` bytes aligned to `alignment`, written last to first by `writeAll`. */
  vector(count: number, size: number, alignment: number, writeAll: () => void): number {
    this.align(4, count * size);
    this.align(alignment, count * size);
    writeAll();
    return this.int32(count);
  }

  offsets(refs: readonly number[]): number {
    return this.vector(refs.length, 4, 4, () => {
      for (let i = refs.length - 1; i >= 0; i--) this.offset(refs[i]!);
    });
  }

  /** A vector of structs of two int64 each (Arrow's FieldNode and Buffer). */
  pairs(pairs: readonly (readonly [number, number])[]): number {
    return this.vector(pairs.length, 16, 8, () => {
      for (let i = pairs.length - 1; i >= 0; i--) {
        this.int64(pairs[i]![1]);
        this.int64(pairs[i]![0]);
      }
    });
  }

  /**
   * A table: `fields[slot]` writes that field's value (in slot order), or is
   * undefined for an absent field. Children (strings, vectors, tables) must be
   * finished before, and their refs passed to `offset`.
   */
  table(fields: readonly ((() => number) | undefined)[]): number {
    const start = this.used;
    const at = fields.map((write) => (write ? write() : 0));
    const ref = this.int32(0); // the distance to the vtable, set below
    for (let slot = at.length - 1; slot >= 0; slot--) this.int16(at[slot] ? ref - at[slot]! : 0);
    this.int16(ref - start);
    this.int16(4 + 2 * at.length);
    this.view.setInt32(this.at(ref), this.used - ref, true);
    return ref;
  }

  /** The buffer with `root` as its root table. */
  finish(root: number): Uint8Array {
    this.align(this.maxAlign, 4);
    this.offset(root);
    return this.bytes.slice(this.at(this.used));
  }
}
