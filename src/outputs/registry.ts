import type { Sink, Store } from './output.js';
import { PostgresStore } from './postgres/postgres-store.js';
import { PgliteStore } from './pglite/pglite-store.js';
import { FilesSink } from './files/files-sink.js';
import { HttpSink } from './http/http-sink.js';
import { MqttSink } from './mqtt/mqtt-sink.js';
import type { MqttOptionsInput } from './mqtt/mqtt-options.js';
import { DEFAULT_PGLITE_DIR } from './pglite/pglite-options.js';
import { validateOrgKey } from './core-store/org-key.js';
import { ArgsError } from '../errors.js';

export interface OutputSelection {
  /** PostgreSQL/TimescaleDB URL; absent → the embedded store unless only files are asked for */
  readonly db?: string;
  /** embedded store folder */
  readonly dataDir?: string;
  /** files folder */
  readonly out?: string;
  /** HTTP receiver URL (`--http`): readings POSTed as JSON */
  readonly http?: string;
  /** MQTT broker URL (`--mqtt`), topic template (`--topic`) and payload mode (`--mqtt-payload`) */
  readonly mqtt?: string;
  readonly topic?: string;
  readonly mqttPayload?: string;
  readonly org: string;
}

export interface OpenedOutputs {
  readonly sinks: Sink[];
  /** the store that can be read back (for validation), if any */
  readonly store?: Store;
}

/**
 * Chooses outputs from the flags: `--db` → PostgreSQL; `--out`, `--http` or
 * `--mqtt` without `--db` → those only (no embedded store unless `--data-dir`);
 * nothing → the embedded PGlite store. Sinks combine (database + MQTT at once).
 * Validates everything before opening anything, so a bad flag touches nothing.
 */
export function selectOutputs(sel: OutputSelection): OpenedOutputs {
  validateOrgKey(sel.org);
  if (sel.topic && !sel.mqtt) throw new ArgsError('--topic needs --mqtt URL');
  if (sel.mqttPayload && !sel.mqtt) throw new ArgsError('--mqtt-payload needs --mqtt URL');
  const sinks: Sink[] = [];
  let store: Store | undefined;
  if (sel.db) store = new PostgresStore({ url: sel.db, org: sel.org });
  else if (!(sel.out || sel.http || sel.mqtt) || sel.dataDir)
    store = new PgliteStore({ dataDir: sel.dataDir ?? DEFAULT_PGLITE_DIR, org: sel.org });
  if (store) sinks.push(store);
  if (sel.out) sinks.push(new FilesSink({ dir: sel.out }));
  if (sel.http) sinks.push(new HttpSink({ url: sel.http }));
  if (sel.mqtt) sinks.push(new MqttSink({ url: sel.mqtt, topic: sel.topic, payload: sel.mqttPayload as MqttOptionsInput['payload'] }));
  return { sinks, store };
}
