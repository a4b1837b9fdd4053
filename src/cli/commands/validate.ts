import type { Command } from 'commander';
import { EQUIPMENT_TYPES } from '../../equipment/index.js';
import { ArgsError } from '../../errors.js';
import { loadProfile } from '../../profile/load-profile.js';
import { selectOutputs } from '../../outputs/registry.js';
import { formatReport, validateStore } from '../../validate/validate-store.js';
import { addOutputFlags, outputRequests } from '../output-flags.js';
import type { CliCommand } from './command.js';

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'check a store: Haystack compliance, relationships, time series, physics, quality shares',
  configure(command: Command, cx) {
    addOutputFlags(command, cx.outputs, ['store'])
      .option('--org <key>', 'organization key', 'demo')
      .option('--profile <name|file>', "the profile the org was generated from: its site must be the store's, its time zone is used")
      .option('--json', 'print the report as JSON');
  },
  async run(o, cx) {
    const org = String(o.org ?? 'demo');
    const profile = o.profile === undefined ? undefined : (await loadProfile(String(o.profile), EQUIPMENT_TYPES)).profile;
    const { store } = selectOutputs(outputRequests(o, cx.outputs, ['store']), { org }, cx.outputs);
    if (!store) throw new ArgsError('validate needs a store: pass --db or --data-dir');
    try {
      await store.open();
      const report = await validateStore(store, {
        org,
        ...(profile ? { timeZone: profile.site.timeZone, site: { id: profile.site.id, profile: String(o.profile) } } : {}),
      });
      process.stdout.write(o.json ? `${JSON.stringify(report)}\n` : `${formatReport(report)}\n`);
      return report.passed ? 0 : 1;
    } finally {
      await store.close();
    }
  },
};
