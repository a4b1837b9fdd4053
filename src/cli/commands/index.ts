import type { CliCommand } from './command.js';
import { backfillCommand } from './backfill.js';
import { businessCommand } from './business.js';
import { envSensorsCommand } from './env-sensors.js';
import { generateCommand } from './generate.js';
import { liveCommand } from './live.js';
import { validateCommand } from './validate.js';

export const commands: readonly CliCommand[] = [
  generateCommand,
  validateCommand,
  liveCommand,
  backfillCommand,
  envSensorsCommand,
  businessCommand,
];
