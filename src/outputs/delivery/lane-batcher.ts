import type { PointInfo } from '../../model/point.js';
import type { SampleBatch } from '../../sim/sample.js';
import { ReadingJson } from './reading-json.js';
import type { ChunkEncoder } from './streaming-sink.js';
import { makeDelivery } from './transport.js';
import type { Delivery } from './transport.js';

/**
 * Groups readings into Deliveries of up to `batchSize`, one lane each. A point
 * always travels in the same lane (the queue keeps a lane in order, retries
 * included) while different lanes are sent at once. Readings are taken
 * time-major, so a batch of a live tick carries many points at one timestamp.
 */
export class LaneBatcher implements ChunkEncoder {
  readonly pointCount: number;
  private readonly json: ReadingJson;
  private readonly targets: string[];
  private readonly laneOf: Int32Array;
  private readonly laneNames: string[] = [];

  constructor(
    points: readonly PointInfo[],
    enumLabels: ReadonlyMap<string, readonly string[]>,
    /** where a point's readings go: URL or topic (template already expanded) */
    targetOf: (p: PointInfo) => string,
    /** the point's lane: every Delivery holds readings of one lane only */
    laneOf: (p: PointInfo, target: string) => string,
    private readonly batchSize: number,
  ) {
    this.pointCount = points.length;
    this.json = new ReadingJson(points, enumLabels);
    this.targets = points.map(targetOf);
    const ids = new Map<string, number>();
    this.laneOf = Int32Array.from(points, (p, i) => {
      const name = laneOf(p, this.targets[i]);
      let id = ids.get(name);
      if (id === undefined) {
        id = this.laneNames.push(name) - 1;
        ids.set(name, id);
      }
      return id;
    });
  }

  *encode(batch: SampleBatch): Generator<Delivery> {
    const { timestamps, values, status } = batch;
    const steps = timestamps.length;
    const open: ({ targets: string[]; bodies: string[] } | undefined)[] = new Array(this.laneNames.length);
    for (let k = 0; k < steps; k++) {
      const iso = new Date(timestamps[k]).toISOString();
      for (let p = 0; p < this.pointCount; p++) {
        const lane = this.laneOf[p];
        const group = (open[lane] ??= { targets: [], bodies: [] });
        group.targets.push(this.targets[p]);
        group.bodies.push(this.json.encode(p, values[p * steps + k], status[p * steps + k], iso));
        if (group.bodies.length >= this.batchSize) {
          open[lane] = undefined;
          yield makeDelivery(this.laneNames[lane], group.targets, group.bodies);
        }
      }
    }
    for (let lane = 0; lane < open.length; lane++) {
      const group = open[lane];
      if (group) yield makeDelivery(this.laneNames[lane], group.targets, group.bodies);
    }
  }
}
