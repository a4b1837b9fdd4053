import type { SinkCapabilities } from './sink-contract.js';
import type { HistoryRecord } from './sink-contract-fixture.js';

/** What a stream cannot do: it delivers readings only and keeps no record of earlier runs. */
export const STREAM_CAPABILITIES: SinkCapabilities = { readBack: false, resume: false };

/** A reading as the streaming sinks send it (`{"id","value","unit","status","ts",…}`) as a history record. */
export function readingRecord(reading: Record<string, unknown>): HistoryRecord {
  return {
    ts: Date.parse(String(reading.ts)),
    pointId: String(reading.id),
    value: reading.value as HistoryRecord['value'],
    status: String(reading.status),
  };
}
