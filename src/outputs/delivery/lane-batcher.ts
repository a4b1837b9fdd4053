import type { PointInfo } from '../../model/point.js';
import { Status, type SampleBatch } from '../../sim/sample.js';
import { PayloadWriter } from './payload-writer.js';
import { equipMessage, equipMessageHead, ReadingJson } from './reading-json.js';
import type { ChunkEncoder } from './streaming-sink.js';
import { makeDelivery } from './transport.js';
import type { Delivery } from './transport.js';

/**
 * What one message carries at one timestamp: `point`, one reading (the default
 * payload); `equip`, the readings of all points of an equipment in one JSON
 * object (far fewer messages for a broker that pays per message).
 */
export type MessageGrouping = 'point' | 'equip';

/** One kind of message: the points it carries (in point order), its target and lane. */
interface Group {
  readonly points: readonly number[];
  readonly target: string;
  readonly lane: number;
  /** equip grouping: the message's opening (equipMessageHead) */
  readonly head: string | undefined;
}

/**
 * Groups messages into Deliveries of about `batchSize` readings, one lane each.
 * A point always travels in the same lane (the queue keeps a lane in order,
 * retries included) while different lanes are sent at once. Messages are
 * taken time-major, so a batch of a live tick carries many points at one timestamp.
 */
export class LaneBatcher implements ChunkEncoder {
  readonly pointCount: number;
  private readonly json: ReadingJson;
  private readonly groups: Group[];
  private readonly laneNames: string[] = [];
  /** per lane, reused chunk after chunk (its scratch buffer grows once) */
  private readonly writers: PayloadWriter[];

  constructor(
    points: readonly PointInfo[],
    enumLabels: ReadonlyMap<string, readonly string[]>,
    /** where a message goes: URL or topic (template already expanded) for its first point */
    targetOf: (p: PointInfo) => string,
    /** the lane of the n-th kind of message (n: point or equipment ordinal): every Delivery holds messages of one lane only */
    laneOf: (n: number, target: string) => string,
    private readonly batchSize: number,
    private readonly grouping: MessageGrouping = 'point',
  ) {
    this.pointCount = points.length;
    this.json = new ReadingJson(points, enumLabels);
    const members = new Map<string, number[]>();
    for (const p of points) {
      const key = grouping === 'equip' ? p.equipId : p.id;
      const list = members.get(key);
      if (list) list.push(p.index);
      else members.set(key, [p.index]);
    }
    const laneIds = new Map<string, number>();
    this.groups = [...members.values()].map((indices, n) => {
      const first = points[indices[0]!]!;
      const target = targetOf(first);
      const name = laneOf(n, target);
      let lane = laneIds.get(name);
      if (lane === undefined) {
        lane = this.laneNames.push(name) - 1;
        laneIds.set(name, lane);
      }
      const head = grouping === 'equip' ? equipMessageHead(first.equipId, first.siteId) : undefined;
      return { points: indices, target, lane, head };
    });
    this.writers = this.laneNames.map(() => new PayloadWriter());
  }

  *encode(batch: SampleBatch): Generator<Delivery> {
    const { timestamps, values, status } = batch;
    const steps = timestamps.length;
    const open: (OpenBatch | undefined)[] = new Array(this.laneNames.length);
    const readings: string[] = [];
    for (const w of this.writers) w.clear(); // what an abandoned encode() left behind
    for (let k = 0; k < steps; k++) {
      const iso = new Date(timestamps[k]!).toISOString();
      for (const g of this.groups) {
        const b = (open[g.lane] ??= new OpenBatch(this.writers[g.lane]!, this.grouping === 'equip'));
        if (g.head === undefined) {
          // a per-point message is its one reading, as encoded (no array, no join: the hot path)
          const p = g.points[0]!;
          if (status[p * steps + k] === Status.Missing) continue;
          b.add(g.target, this.json.encode(p, values[p * steps + k]!, status[p * steps + k]!, iso), 1);
        } else {
          readings.length = 0;
          // rows the historian never logged are left out; an equipment with none at this instant sends nothing
          for (const p of g.points) {
            const i = p * steps + k;
            if (status[i] !== Status.Missing) readings.push(this.json.encode(p, values[i]!, status[i]!, iso));
          }
          if (readings.length === 0) continue;
          b.add(g.target, equipMessage(g.head, iso, readings), readings.length);
        }
        if (b.readings >= this.batchSize) {
          open[g.lane] = undefined;
          yield b.delivery(this.laneNames[g.lane]!);
        }
      }
    }
    for (let lane = 0; lane < open.length; lane++) {
      const b = open[lane];
      if (b && b.readings > 0) yield b.delivery(this.laneNames[lane]!);
    }
  }
}

/** The messages of one lane waiting to fill a Delivery. */
class OpenBatch {
  readonly targets: string[] = [];
  readonly perMessage: number[] | undefined;
  readings = 0;

  constructor(
    private readonly writer: PayloadWriter,
    countsPerMessage: boolean,
  ) {
    this.perMessage = countsPerMessage ? [] : undefined;
  }

  add(target: string, body: string, readings: number): void {
    this.targets.push(target);
    this.writer.add(body);
    this.perMessage?.push(readings);
    this.readings += readings;
  }

  delivery(lane: string): Delivery {
    const { payload, ends } = this.writer.take();
    return makeDelivery(lane, this.targets, payload, ends, this.perMessage && Uint32Array.from(this.perMessage));
  }
}
