import type { Command } from 'commander';
import { EQUIPMENT_TYPES } from '../../equipment/index.js';
import { buildModel } from '../../model/build-model.js';
import { selectOutputs } from '../../outputs/registry.js';
import { runGeneration } from '../../runner/run-generation.js';
import { runFingerprint } from '../../runner/fingerprint.js';
import { validateStore, formatReport } from '../../validate/validate-store.js';
import { addMqttFlags, addRunFlags, resolveRunOptions } from '../run-options.js';
import { PhaseProgress } from '../progress.js';
import { formatGenerateSummary } from '../generate-summary.js';
import type { CliCommand } from './command.js';
import type { Sink } from '../../outputs/output.js';

const VALIDATE_WINDOW_MS = 7 * 86_400_000;

export const generateCommand: CliCommand = {
  name: 'generate',
  summary: 'simulate a site over a time range and load it into a store and/or files',
  configure(command: Command) {
    addRunFlags(command)
      .option('--out <dir>', 'write CSV, Zinc and JSON files (alone: files only; with --db: both)')
      .option('--http <url>', 'also POST the readings as JSON to this receiver');
    addMqttFlags(command, 'also publish the readings to this MQTT broker')
      .option('--reset', 'drop what haysim wrote for this org and start over')
      .option('--no-validate', 'skip the validation report at the end')
      .option('--quiet', 'no progress bars')
      .option('--json', 'print the summary as JSON');
  },
  async run(o) {
    const opts = await resolveRunOptions(o, Date.now());
    const progress = new PhaseProgress(!o.quiet && !o.json && process.stderr.isTTY === true);
    progress.start('model', 1);
    const { model, topology } = buildModel(opts.loaded.profile, EQUIPMENT_TYPES);
    progress.update(1);
    const outputs = selectOutputs({
      db: opts.db,
      dataDir: opts.dataDir,
      out: o.out as string | undefined,
      http: o.http as string | undefined,
      mqtt: o.mqtt as string | undefined,
      topic: o.topic as string | undefined,
      mqttPayload: o.mqttPayload as string | undefined,
      org: opts.org,
    });
    const started = performance.now();
    try {
      await Promise.all(outputs.sinks.map((s: Sink) => s.open()));
      const result = await runGeneration(
        {
          model,
          topology,
          epochMs: opts.epochMs,
          reset: o.reset === true,
          sinks: outputs.sinks,
          run: {
            org: opts.org,
            profile: model.profile,
            seed: opts.seed,
            intervalMs: opts.intervalMs,
            fingerprint: runFingerprint(opts.loaded.text, opts.seed, opts.intervalMs),
            start: opts.start,
            end: opts.end,
          },
        },
        {
          phase: (phase, total) => progress.start(phase, total, phase === 'history' ? 'days' : 'outputs'),
          progress: (done, rows) => progress.update(done, rows),
        },
      );
      progress.stop();
      // the closing check looks at the last week written (all of it in the model); `haysim validate` reads everything
      const checked = { start: Math.max(opts.start, opts.end - VALIDATE_WINDOW_MS), end: opts.end };
      const report =
        outputs.store && o.validate !== false
          ? await validateStore(outputs.store, { org: opts.org, timeZone: model.timeZone, intervalMs: opts.intervalMs, range: checked })
          : undefined;
      const seconds = (performance.now() - started) / 1000;
      const summary = formatGenerateSummary({ model, opts, result, seconds, json: o.json === true, validation: report });
      process.stdout.write(summary);
      if (report && !o.json) {
        const scope =
          checked.start > opts.start ? ` (time series checked over the last 7 days; run \`haysim validate\` for the whole store)` : '';
        process.stdout.write(`\nvalidation${scope}:\n${formatReport(report)}\n`);
      }
      return report && !report.passed ? 1 : 0;
    } finally {
      progress.stop();
      await Promise.allSettled(outputs.sinks.map((s) => s.close()));
    }
  },
};
