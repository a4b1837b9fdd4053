import type { PointInfo } from '../../model/point.js';
import { LaneBatcher } from '../delivery/lane-batcher.js';

/**
 * Requests for the HTTP sink: one URL per request (a batch never mixes paths);
 * points are dealt over `lanes` ordered lanes per URL (point index mod lanes),
 * so up to `lanes` requests run at once and each point stays in order.
 */
export function httpEncoder(
  points: readonly PointInfo[],
  enumLabels: ReadonlyMap<string, readonly string[]>,
  urlOf: (p: PointInfo) => string,
  batchSize: number,
  lanes: number,
): LaneBatcher {
  return new LaneBatcher(points, enumLabels, urlOf, (n, url) => `${url}#${n % lanes}`, batchSize);
}
