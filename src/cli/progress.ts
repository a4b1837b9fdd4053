import cliProgress from 'cli-progress';

const LABELS = { model: 'model  ', schema: 'schema ', history: 'history', current: 'current' } as const;
export type ProgressPhase = keyof typeof LABELS;

/** One bar per phase on stderr; silent when quiet or not on a terminal. */
export class PhaseProgress {
  private bar: cliProgress.SingleBar | undefined;

  constructor(private readonly enabled: boolean) {}

  start(phase: ProgressPhase, total: number, unit = 'steps'): void {
    this.open(`${LABELS[phase]} [{bar}] {percentage}% | {value}/{total} ${unit} | {rows} rows | {eta_formatted}`, total);
  }

  /** A bar counting rows under a free label (one per table of the business dataset). */
  startRows(label: string, total: number): void {
    this.open(`${label} [{bar}] {percentage}% | {value}/{total} rows | {eta_formatted}`, total);
  }

  update(value: number, rows = 0): void {
    this.bar?.update(value, { rows: rows.toLocaleString('en-US') });
  }

  private open(format: string, total: number): void {
    this.stop();
    if (!this.enabled) return;
    this.bar = new cliProgress.SingleBar(
      { format, stream: process.stderr, hideCursor: true, clearOnComplete: false },
      cliProgress.Presets.shades_classic,
    );
    this.bar.start(total, 0, { rows: 0 });
  }

  stop(): void {
    if (this.bar) {
      this.bar.update(this.bar.getTotal());
      this.bar.stop();
    }
    this.bar = undefined;
  }
}
