import type { Command } from 'commander';
import { selectOutputs } from '../../outputs/registry.js';
import { DEFAULT_WIDE_SCHEMA, parseLayout, parseWideSchema } from '../../outputs/wide/wide-names.js';
import { generateSite, MAX_ENGINE_THREADS } from '../../runner/generate-site.js';
import { formatReport } from '../../validate/validate-store.js';
import { equipFlag, parseWhole, shardFlag } from '../flag-values.js';
import { formatGenerateSummary } from '../generate-summary.js';
import { addOutputFlags, outputRequests } from '../output-flags.js';
import { PhaseProgress } from '../progress.js';
import { addRunFlags, checkGenerateSize, resolveRunOptions } from '../run-options.js';
import type { CliCommand } from './command.js';

export const generateCommand: CliCommand = {
  name: 'generate',
  summary: 'simulate a site over a time range and load it into a store and/or files',
  configure(command: Command, cx) {
    addOutputFlags(addRunFlags(command), cx.outputs)
      .option(
        '--layout <layout>',
        "how the store lays out history: haystack (narrow rows in core) or wide (one table per equipment); default: the profile's simulation.layout (haystack for office-tower, wide for industrial-campus)",
      )
      .option('--wide-schema <name>', "schema of the wide layout's tables (default public)")
      .option('--workers <n>', 'engine threads computing chunks at once (default: the cores less one, for the store)')
      .option(
        '--shard <k/n>',
        'write only the K-th of N shares of the equipment: N processes (machines) fill one store or folder, no coordination needed',
      )
      .option('--equip <ids>', 'write only these equipment (ids, comma-separated, e.g. chiller_001): one unit over years, computed alone')
      .option('--reset', 'drop what haysim wrote for this org and start over')
      .option('--no-validate', 'skip the validation report at the end')
      .option('--quiet', 'no progress bars')
      .option('--json', 'print the summary as JSON');
  },
  async run(o, cx) {
    const flagLayout = o.layout === undefined ? undefined : parseLayout(o.layout);
    const wideSchema = o.wideSchema === undefined ? undefined : parseWideSchema(o.wideSchema);
    const workers = o.workers === undefined ? undefined : parseWhole(String(o.workers), '--workers', 1, MAX_ENGINE_THREADS);
    const shard = o.shard === undefined ? undefined : shardFlag(String(o.shard));
    const equipIds = o.equip === undefined ? undefined : equipFlag(String(o.equip));
    const opts = await resolveRunOptions(o, Date.now());
    const layout = flagLayout ?? opts.loaded.profile.simulation.layout;
    const requests = outputRequests(o, cx.outputs);
    // the embedded store is the default output: it holds less than a server or a folder
    checkGenerateSize(opts, equipIds, requests.length === 0 || requests.some((r) => r.name === 'pglite'));
    const progress = new PhaseProgress(!o.quiet && !o.json && process.stderr.isTTY === true);
    progress.start('model', 1);
    const { sinks, store } = selectOutputs(requests, { org: opts.org, layout, wideSchema }, cx.outputs);
    try {
      const done = await generateSite(
        { ...opts, reset: o.reset === true, sinks, store, validate: o.validate !== false, workers, shard, equipIds },
        {
          built: () => progress.update(1),
          phase: (phase, total) => progress.start(phase, total, phase === 'history' ? 'chunks' : 'outputs'),
          progress: (n, rows) => progress.update(n, rows),
          validating: () => progress.stop(),
        },
      );
      progress.stop();
      const report = done.validation?.report;
      const summary = formatGenerateSummary({
        ...done,
        opts,
        store: store?.name,
        layout,
        wideSchema: wideSchema ?? DEFAULT_WIDE_SCHEMA,
        json: o.json === true,
        validation: report,
      });
      process.stdout.write(summary);
      if (report && !o.json) {
        const scope =
          done.validation!.start > opts.start
            ? ` (time series checked over the last 7 days; run \`haysim validate\` for the whole store)`
            : '';
        process.stdout.write(`\nvalidation${scope}:\n${formatReport(report)}\n`);
      }
      return report && !report.passed ? 1 : 0;
    } finally {
      progress.stop();
    }
  },
};
