import type { Command } from 'commander';
import { ArgsError } from '../../errors.js';
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
      .option('--json', 'print the report as JSON');
  },
  async run(o, cx) {
    const org = String(o.org ?? 'demo');
    const { store } = selectOutputs(outputRequests(o, cx.outputs, ['store']), { org }, cx.outputs);
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
