import { ArgsError } from '../../errors.js';
import { type SelfTestCheck, selfTest } from '../../query/self-test.js';
import { addQueryStoreFlags, withQueryClient } from '../query-command.js';
import type { CliCommand } from './command.js';

const line = (c: SelfTestCheck) => `${c.ok ? 'ok  ' : 'FAIL'}  ${c.name.padEnd(22)} ${`${c.ms.toFixed(1)} ms`.padStart(10)}  ${c.detail}\n`;

/** `haysim selftest [--quick]`: connect, list, read and query a store, ending with one PASS or FAIL line (exit 1 on FAIL). */
export const selftestCommand: CliCommand = {
  name: 'selftest',
  summary: 'check a store works: connect, equipment by type, one equipment read, one query of each kind with timings',
  configure(command, cx) {
    addQueryStoreFlags(command, cx).option('--quick', 'skip the 7- and 30-day aggregates');
  },
  async run(o, cx) {
    const started = performance.now();
    let checks: readonly SelfTestCheck[];
    try {
      checks = await withQueryClient(o, cx, async (q) => {
        const connect = {
          name: 'connect',
          ok: true,
          ms: performance.now() - started,
          detail: `org ${q.org}, ${q.layout} layout, site zone ${q.timeZone}`,
        };
        process.stdout.write(line(connect));
        const report = await selfTest(q, { quick: Boolean(o.quick) });
        for (const c of report.checks) process.stdout.write(line(c));
        return [connect, ...report.checks];
      });
    } catch (err) {
      if (err instanceof ArgsError) throw err;
      checks = [{ name: 'connect', ok: false, ms: performance.now() - started, detail: err instanceof Error ? err.message : String(err) }];
      process.stdout.write(line(checks[0]!));
    }
    const failed = checks.filter((c) => !c.ok);
    const total = `${(performance.now() - started).toFixed(0)} ms`;
    process.stdout.write(
      failed.length === 0
        ? `PASS: ${checks.length}/${checks.length} checks in ${total}\n`
        : `FAIL: ${failed.length} of ${checks.length} checks failed (${failed.map((c) => c.name).join(', ')}) in ${total}\n`,
    );
    return failed.length === 0 ? 0 : 1;
  },
};
