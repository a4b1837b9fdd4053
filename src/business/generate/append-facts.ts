// Appending planned facts: the building link plans its rows in the regular shapes, then puts them
// after the regular ones, so the regular renderers draw both and ids simply continue.

type Column = Int32Array | Uint8Array | Uint16Array | Float64Array;

/**
 * `regular` followed by `extra`, field by field: every typed array concatenated (adding
 * `offsets[field]` to the extra values, for indexes that were planned relative to the extra
 * rows) and the counts summed. Other fields, the group indexes, stay the regular ones: they
 * serve the planners, which are done with them by now.
 */
export function appendFacts<T extends { readonly count: number }>(regular: T, extra: T, offsets: Partial<Record<keyof T, number>> = {}): T {
  const out: Record<string, unknown> = { ...regular, count: regular.count + extra.count };
  for (const [key, value] of Object.entries(regular as Record<string, unknown>)) {
    if (!ArrayBuffer.isView(value)) continue;
    const head = value as Column;
    const tail = (extra as Record<string, unknown>)[key] as Column;
    const joined = new (head.constructor as new (n: number) => Column)(head.length + tail.length);
    joined.set(head);
    const offset = offsets[key as keyof T] ?? 0;
    joined.set(offset === 0 ? tail : tail.map((v) => v + offset), head.length);
    out[key] = joined;
  }
  return out as T;
}
