import type { PointInfo } from '../../model/point.js';
import { STATUS_NAMES } from '../../sim/sample.js';

const json = (text: string): string => JSON.stringify(text);

/** `<status>","ts":"` for every status byte; unknown codes read `unknown`. */
const STATUS_TS = Array.from({ length: 256 }, (_, s) => `${STATUS_NAMES[s] ?? 'unknown'}","ts":"`);

/**
 * The JSON of one reading, shared by the streaming sinks:
 * `{"id":…,"value":…,"unit":…,"status":…,"ts":…,"equip":…,"site":…}`.
 * Everything that depends only on the point is built once, so a reading costs
 * one number-to-text conversion and one concatenation; the ISO time is made once
 * per timestamp by the caller.
 */
export class ReadingJson {
  private readonly heads: string[];
  private readonly mids: string[];
  private readonly tails: string[];
  private readonly kinds: Uint8Array;
  /** enum names as JSON strings, per Str point */
  private readonly labels: (readonly string[])[];

  /** @param enumLabels Str point id → names of its integer codes (the Haystack `enum` tag) */
  constructor(points: readonly PointInfo[], enumLabels: ReadonlyMap<string, readonly string[]> = new Map()) {
    this.heads = points.map((p) => `{"id":${json(p.id)},"value":`);
    this.mids = points.map((p) => `,"unit":${p.unit === undefined ? 'null' : json(p.unit)},"status":"`);
    this.tails = points.map((p) => `","equip":${json(p.equipId)},"site":${json(p.siteId)}}`);
    this.kinds = Uint8Array.from(points, (p) => (p.kind === 'Number' ? 0 : p.kind === 'Bool' ? 1 : 2));
    this.labels = points.map((p) => (enumLabels.get(p.id) ?? []).map(json));
  }

  /** The reading of point `p` with value `v`, status byte `status` and ISO 8601 time `iso`. */
  encode(p: number, v: number, status: number, iso: string): string {
    return `${this.heads[p]}${this.valueText(p, v)}${this.mids[p]}${STATUS_TS[status]}${iso}${this.tails[p]}`;
  }

  private valueText(p: number, v: number): string {
    if (!Number.isFinite(v)) return 'null'; // NaN is "no value"; JSON has no infinities
    const kind = this.kinds[p];
    if (kind === 0) return String(v);
    if (kind === 1) return v !== 0 ? 'true' : 'false';
    return this.labels[p][v] ?? `"${v}"`;
  }
}

/**
 * One message for all readings of an equipment at one timestamp:
 * `{"equip":…,"site":…,"ts":…,"readings":[…]}`, each reading exactly the
 * per-point JSON above, so a consumer reads both payload modes the same way.
 * `head` is the equipment's equipMessageHead(), built once.
 */
export function equipMessage(head: string, iso: string, readings: readonly string[]): string {
  return `${head}${iso}","readings":[${readings.join(',')}]}`;
}

/** The part of an equipment's messages before their time: `{"equip":…,"site":…,"ts":"`. */
export function equipMessageHead(equipId: string, siteId: string): string {
  return `{"equip":${json(equipId)},"site":${json(siteId)},"ts":"`;
}
