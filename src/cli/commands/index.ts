import type { CliCommand, CliGroup } from './command.js';
import { businessCommand } from './business.js';
import { contextGroup } from './context/context.js';
import { backfillCommand } from './env-sensors-backfill.js';
import { envSensorsGroup } from './env-sensors.js';
import { generateCommand } from './generate.js';
import { liveCommand } from './live.js';
import { mcpCommand } from './mcp.js';
import { mlGroup } from './ml/ml.js';
import { queryGroup } from './query/query.js';
import { selftestCommand } from './selftest.js';
import { serveCommand } from './serve.js';
import { validateCommand } from './validate.js';

export const commands: readonly (CliCommand | CliGroup)[] = [
  generateCommand,
  validateCommand,
  liveCommand,
  backfillCommand,
  envSensorsGroup,
  businessCommand,
  queryGroup,
  contextGroup,
  mcpCommand,
  selftestCommand,
  mlGroup,
  serveCommand,
];
