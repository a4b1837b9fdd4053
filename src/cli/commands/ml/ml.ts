import type { Command } from 'commander';
import { ArgsError } from '../../../errors.js';
import { ML_FORMATS, type MlFormat, toJsonl, toParquet } from '../../../ml/ml-export.js';
import { type MlRequest, parseAnomalySource, sampleMl } from '../../../ml/ml-sample.js';
import { parseSplitBy, parseSplitRatios } from '../../../ml/ml-split.js';
import type { MlRecord } from '../../../ml/ml-types.js';
import { writeFileAtomic } from '../../../outputs/files/files-io.js';
import { parseNumber } from '../../../query/query-inputs.js';
import { dateTimeFlag, parseWhole } from '../../flag-values.js';
import { addQueryStoreFlags, columnsFlag, withQueryClient } from '../../query-command.js';
import type { CliCommand, CliGroup } from '../command.js';

type Flags = Record<string, unknown>;

/**
 * An `ml` verb: the store flags, what to sample from (`--types`/`--equip`), the seed, the split and the output
 * (`--format jsonl` to stdout or `--out`, `--format parquet` to `--out`); `request` turns its own flags into
 * what to sample.
 */
function mlCommand(
  name: string,
  summary: string,
  own: (c: Command) => void,
  request: (o: Flags, timeZone: string) => MlRequest,
): CliCommand {
  return {
    name,
    summary,
    configure(command, cx) {
      own(command);
      addQueryStoreFlags(command, cx)
        .option('--types <list>', 'equipment types or id prefixes, comma-separated (chiller,ahu,pump); default all')
        .option('--type <list>', 'same as --types')
        .option('--equip <ids>', 'equipment ids, comma-separated, instead of types')
        .option('--seed <n>', 'seed of every draw (the same seed gives the same bytes)', '1')
        .option('--split <by>', 'assign each record to train/validation/test by time or by equipment, nothing shared between splits')
        .option('--split-ratios <r>', 'train,validation,test shares', '0.8,0.1,0.1')
        .option('--format <format>', 'jsonl or parquet', 'jsonl')
        .option('--out <file>', 'write to this file (parquet needs it; jsonl goes to stdout without it)');
    },
    async run(o, cx) {
      const format = String(o.format) as MlFormat;
      if (!ML_FORMATS.includes(format)) throw new ArgsError(`--format ${JSON.stringify(o.format)}: expected ${ML_FORMATS.join(' or ')}`);
      if (format === 'parquet' && o.out === undefined) throw new ArgsError('--format parquet writes a file: pass --out FILE');
      const seed = parseWhole(String(o.seed), '--seed', 0, 2 ** 32 - 1);
      const split = o.split === undefined ? undefined : { by: parseSplitBy(o.split), ratios: parseSplitRatios(String(o.splitRatios)) };
      return withQueryClient(o, cx, async (q) => {
        const started = performance.now();
        const types = columnsFlag(o.types ?? o.type);
        const records = await sampleMl(q, { seed, types, equipment: columnsFlag(o.equip), split }, request(o, q.timeZone));
        const bytes = format === 'parquet' ? await toParquet(records) : toJsonl(records);
        if (o.out === undefined) process.stdout.write(bytes);
        else await writeFileAtomic(String(o.out), bytes);
        process.stderr.write(`${describe(records)} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
        return 0;
      });
    },
  };
}

/** `32 records: 26 normal, 6 anomaly; train 25, validation 4, test 3` */
function describe(records: readonly MlRecord[]): string {
  const count = (key: string) => {
    const n = new Map<string, number>();
    for (const r of records) {
      const v = (r as unknown as Flags)[key];
      if (typeof v === 'string') n.set(v, (n.get(v) ?? 0) + 1);
    }
    return [...n].map(([k, v]) => `${v} ${k}`).join(', ');
  };
  return [`${records.length} record${records.length === 1 ? '' : 's'}`, count('label'), count('split')].filter(Boolean).join('; ');
}

const whole = (o: Flags, key: string, flag: string, max: number) => parseWhole(String(o[key]), flag, 1, max);
const hours = (o: Flags) => parseNumber(o.hours, '--hours');
const anomalyFlags = (c: Command) =>
  c
    .option('--anomaly-source <s>', 'ground_truth (labelled faults), threshold (mean ± k·σ) or both', 'both')
    .option('--k <x>', 'threshold: anomalous beyond mean ± k·σ of the scan window', '2')
    .option('--column <name>', 'threshold: the number column tested (default a seeded pick per equipment)')
    .option('--window-hours <n>', 'threshold: the scan window', '24');
const anomalyOptions = (o: Flags) => {
  const k = parseNumber(o.k, '--k');
  const windowHours = parseNumber(o.windowHours, '--window-hours');
  if (k <= 0) throw new ArgsError(`--k ${k}: expected above 0`);
  if (windowHours <= 0 || windowHours > 24 * 366) throw new ArgsError(`--window-hours ${windowHours}: expected above 0, at most a year`);
  return { source: parseAnomalySource(o.anomalySource), k, windowHours, column: o.column as string | undefined };
};
const windowFlags = (c: Command, defaultHours: string) =>
  c
    .option('--hours <n>', 'window length in hours', defaultHours)
    .option('--every <d>', 'bucket width (1m, 5m, 15m, 1h, …); default about 12 a window');
const checkHours = (h: number) => {
  if (!(h > 0 && h <= 24 * 366)) throw new ArgsError(`--hours ${h}: expected above 0, at most a year`);
  return h;
};

const statesCommand = mlCommand(
  'states',
  'random equipment states (readings at one instant), labelled by the ground truth',
  (c) => c.option('--count <n>', 'how many', '1').option('--at <time>', 'instead: every equipment chosen at this instant'),
  (o, tz) => ({
    kind: 'states',
    count: whole(o, 'count', '--count', 100_000),
    at: o.at === undefined ? undefined : dateTimeFlag(String(o.at), tz, '--at'),
  }),
);

const trajectoriesCommand = mlCommand(
  'trajectories',
  'random windows of one equipment, averaged per bucket',
  (c) => windowFlags(c.option('--count <n>', 'how many', '1'), '24'),
  (o) => ({
    kind: 'trajectories',
    count: whole(o, 'count', '--count', 100_000),
    hours: checkHours(hours(o)),
    every: o.every as string | undefined,
  }),
);

const pairsCommand = mlCommand(
  'pairs',
  'preference pairs (prompt/chosen/rejected): two windows of one type, the lower metric chosen',
  (c) =>
    windowFlags(
      c
        .option('--count <n>', 'how many', '1')
        .option('--metric <column>', 'the number column compared (lower is better)', 'active_power_kw'),
      '1',
    ),
  (o) => ({
    kind: 'pairs',
    count: whole(o, 'count', '--count', 100_000),
    hours: checkHours(hours(o)),
    every: o.every as string | undefined,
    metric: String(o.metric),
  }),
);

const anomaliesCommand = mlCommand(
  'anomalies',
  'anomalous states, from labelled faults and/or thresholds, each saying which',
  (c) => anomalyFlags(c.option('--count <n>', 'how many', '10')),
  (o) => ({ kind: 'anomalies', count: whole(o, 'count', '--count', 100_000), ...anomalyOptions(o) }),
);

const batchCommand = mlCommand(
  'batch',
  'a shuffled training batch: normal states and a share of anomalies',
  (c) => anomalyFlags(c.option('--size <n>', 'records in the batch', '32').option('--anomaly-ratio <r>', 'share of anomalies, 0–1', '0.2')),
  (o) => ({
    kind: 'batch',
    size: whole(o, 'size', '--size', 100_000),
    anomalyRatio: parseNumber(o.anomalyRatio, '--anomaly-ratio'),
    ...anomalyOptions(o),
  }),
);

/** `haysim ml <verb>`: seeded training data from a store, JSONL or Parquet. */
export const mlGroup: CliGroup = {
  name: 'ml',
  summary: 'sample training data: states, trajectories, preference pairs, anomalies, batches (JSONL or Parquet)',
  commands: [batchCommand, statesCommand, trajectoriesCommand, pairsCommand, anomaliesCommand],
};
