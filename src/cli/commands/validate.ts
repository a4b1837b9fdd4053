import type { Command } from 'commander';
import { selectOutputs } from '../../outputs/registry.js';
import { validateStore, formatReport } from '../../validate/validate-store.js';
import type { CliCommand } from './command.js';
import { ArgsError } from '../../errors.js';
import { validateOrgKey } from '../../outputs/core-store/org-key.js';

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'check a store: Haystack compliance, relationships, time series, physics, quality shares',
  configure(command: Command) {
    command
      .option('--db <url>', 'PostgreSQL/TimescaleDB URL (default: $DATABASE_URL, else the embedded store)')
      .option('--data-dir <dir>', 'folder of the embedded store (default ./haysim-data)')
      .option('--org <key>', 'organization key', 'demo')
      .option('--json', 'print the report as JSON');
  },
  async run(o) {
    const org = validateOrgKey(String(o.org ?? 'demo'));
    const db = (o.db as string | undefined) ?? (process.env.DATABASE_URL || undefined);
    const { store } = selectOutputs({ db, dataDir: o.dataDir as string | undefined, org });
    if (!store) throw new ArgsError('validate needs a store: pass --db or --data-dir');
    try {
      await store.open();
      const report = await validateStore(store, { org });
      process.stdout.write(o.json ? `${JSON.stringify(report)}\n` : `${formatReport(report)}\n`);
      return report.passed ? 0 : 1;
    } finally {
      await store.close();
    }
  },
};
