import type { PointInfo } from '../../model/point.js';
import type { SampleBatch } from '../../sim/sample.js';
import { ReadingJson } from '../delivery/reading-json.js';
import type { ChunkEncoder } from '../delivery/streaming-sink.js';
import { makeDelivery } from '../delivery/transport.js';
import type { Delivery } from '../delivery/transport.js';

/**
 * Cuts readings into publish batches of `batchSize`, time-major, topics built
 * once per point. One lane: one MQTT connection publishes in order anyway, and a
 * batch waits for the one before it, so retries never reorder a point.
 */
export class MqttEncoder implements ChunkEncoder {
  readonly pointCount: number;
  private readonly json: ReadingJson;
  private readonly topics: string[];

  constructor(
    points: readonly PointInfo[],
    enumLabels: ReadonlyMap<string, readonly string[]>,
    topicOf: (p: PointInfo) => string,
    private readonly batchSize: number,
  ) {
    this.pointCount = points.length;
    this.json = new ReadingJson(points, enumLabels);
    this.topics = points.map(topicOf);
  }

  *encode(batch: SampleBatch): Generator<Delivery> {
    const { timestamps, values, status } = batch;
    const steps = timestamps.length;
    let targets: string[] = [];
    let bodies: string[] = [];
    for (let k = 0; k < steps; k++) {
      const iso = new Date(timestamps[k]).toISOString();
      for (let p = 0; p < this.pointCount; p++) {
        targets.push(this.topics[p]);
        bodies.push(this.json.encode(p, values[p * steps + k], status[p * steps + k], iso));
        if (bodies.length >= this.batchSize) {
          yield makeDelivery('mqtt', targets, bodies);
          targets = [];
          bodies = [];
        }
      }
    }
    if (bodies.length > 0) yield makeDelivery('mqtt', targets, bodies);
  }
}
