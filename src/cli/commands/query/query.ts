import type { CliGroup } from '../command.js';
import { queryAlertsCommand } from './query-alerts.js';
import { queryAnomaliesCommand } from './query-anomalies.js';
import { queryEquipmentCommand } from './query-equipment.js';
import { queryLatestCommand } from './query-latest.js';
import { queryRangeCommand } from './query-range.js';
import { querySqlCommand } from './query-sql.js';
import { queryStatsCommand } from './query-stats.js';

/** `haysim query <verb>`: read what haysim generated, in either layout and store; `haysim query` alone lists equipment. */
export const queryGroup: CliGroup = {
  name: 'query',
  summary: 'read a store: equipment, latest, range, stats, anomalies, alerts, or one read-only SQL statement',
  commands: [
    queryEquipmentCommand,
    queryLatestCommand,
    queryRangeCommand,
    queryStatsCommand,
    queryAnomaliesCommand,
    queryAlertsCommand,
    querySqlCommand,
  ],
};
