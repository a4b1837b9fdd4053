import type { PointInfo } from '../../model/point.js';
import type { SampleBatch } from '../../sim/sample.js';
import { ReadingJson } from '../delivery/reading-json.js';
import type { ChunkEncoder } from '../delivery/streaming-sink.js';
import { makeDelivery } from '../delivery/transport.js';
import type { Delivery } from '../delivery/transport.js';

/**
 * Groups readings into requests. A request holds readings of one URL; points
 * are dealt over `lanes` ordered lanes per URL (point index mod lanes), so one
 * point always travels in one lane (order kept, retries included) while up to
 * `lanes` requests run at once. Readings are taken time-major, so a request of
 * a live tick carries many points at one timestamp.
 */
export class HttpEncoder implements ChunkEncoder {
  readonly pointCount: number;
  private readonly json: ReadingJson;
  private readonly urls: string[];
  private readonly laneOf: Int32Array;
  private readonly laneNames: string[] = [];

  constructor(
    points: readonly PointInfo[],
    enumLabels: ReadonlyMap<string, readonly string[]>,
    /** request URL per point (template already expanded) */
    urlOf: (p: PointInfo) => string,
    private readonly batchSize: number,
    lanes: number,
  ) {
    this.pointCount = points.length;
    this.json = new ReadingJson(points, enumLabels);
    this.urls = points.map(urlOf);
    const ids = new Map<string, number>();
    this.laneOf = Int32Array.from(points, (p, i) => {
      const name = `${this.urls[i]}#${p.index % lanes}`;
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
        group.targets.push(this.urls[p]);
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
