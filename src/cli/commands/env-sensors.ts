import type { CliGroup } from './command.js';
import { envSensorsBackfillCommand } from './env-sensors-backfill.js';
import { envSensorsLiveCommand } from './env-sensors-live.js';

/** `haysim env-sensors live|backfill`: the fake BME280 devices; `haysim env-sensors` alone runs them live. */
export const envSensorsGroup: CliGroup = {
  name: 'env-sensors',
  summary: 'fake BME280 devices: live (the default) posts readings to an HTTP server, backfill makes a period of history',
  commands: [envSensorsLiveCommand, envSensorsBackfillCommand],
};
