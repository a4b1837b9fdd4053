/**
 * A PNG of a backfill: three stacked panels (temperature, humidity,
 * pressure) over time, one line per device, weather events shaded, injected
 * anomalies marked. Time ticks fall on round local times of the site.
 */
import { writeFile } from 'node:fs/promises';
import { OutputError } from '../errors.js';
import { LocalClock, MS_PER_DAY, MS_PER_HOUR } from '../time/clock.js';
import { pad2 } from '../time/date-time-text.js';
import type { Backfill } from './env-sensors-backfill.js';
import type { Bme280Reading } from './bme280-reading.js';

export const PLOT_WIDTH = 1400;
export const PLOT_HEIGHT = 960;

const M = { left: 84, right: 190, top: 46, bottom: 56, gap: 26 };
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];
const SHADE: Record<string, string> = { storm: 'rgba(70,110,220,0.16)', front: 'rgba(240,150,40,0.18)', clearing: 'rgba(60,180,90,0.16)' };
const PANELS: { key: 'temperature_c' | 'humidity' | 'pressure_hpa'; title: string; unit: string }[] = [
  { key: 'temperature_c', title: 'Temperature', unit: '°C' },
  { key: 'humidity', title: 'Relative humidity', unit: '%RH' },
  { key: 'pressure_hpa', title: 'Pressure', unit: 'hPa' },
];
const TIME_STEPS = [1, 2, 3, 6, 12, 24, 48, 7 * 24, 14 * 24, 28 * 24].map((h) => h * MS_PER_HOUR);

/** Renders the plot and writes it to `path` as PNG. */
export async function writeBackfillPlot(path: string, backfill: Backfill): Promise<void> {
  const png = await renderBackfillPlot(backfill);
  try {
    await writeFile(path, png);
  } catch (error) {
    throw new OutputError('SINK_WRITE_FAILED', 'plot', 'write', path, (error as Error).message, error);
  }
}

export async function renderBackfillPlot(b: Backfill): Promise<Buffer> {
  // loaded lazily: only runs that ask for a plot pay for the native module
  const { createCanvas } = await import('@napi-rs/canvas');
  const canvas = createCanvas(PLOT_WIDTH, PLOT_HEIGHT);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, PLOT_WIDTH, PLOT_HEIGHT);
  const clock = new LocalClock(b.config.timeZone);
  const w = PLOT_WIDTH - M.left - M.right;
  const h = (PLOT_HEIGHT - M.top - M.bottom - 2 * M.gap) / 3;
  const x = (t: number) => M.left + ((t - b.start) / Math.max(1, b.end - b.start)) * w;
  const byDevice = new Map<string, Bme280Reading[]>(b.config.devices.map((d) => [d.id, []]));
  for (const r of b.readings) byDevice.get(r.device_id)?.push(r);

  ctx.fillStyle = '#222';
  ctx.font = 'bold 17px sans-serif';
  ctx.fillText(
    `BME280 backfill: ${b.config.devices.length} device(s), ${b.readings.length} readings, ${b.config.intervalMs / 1000}s interval (${b.config.timeZone})`,
    M.left,
    28,
  );

  const ticks = timeTicks(b.start, b.end, clock);
  PANELS.forEach((panel, p) => {
    const top = M.top + p * (h + M.gap);
    const values = b.readings.map((r) => r[panel.key]);
    const [lo, hi, step] = niceRange(values.length ? Math.min(...values) : 0, values.length ? Math.max(...values) : 1);
    const y = (v: number) => top + h - ((v - lo) / (hi - lo)) * h;
    ctx.save();
    ctx.beginPath();
    ctx.rect(M.left, top, w, h);
    ctx.clip();
    for (const e of b.weather) {
      ctx.fillStyle = SHADE[e.type]!;
      ctx.fillRect(x(e.start), top, Math.max(1, x(e.end) - x(e.start)), h);
    }
    ctx.strokeStyle = '#e4e4e4';
    ctx.lineWidth = 1;
    for (const t of ticks) line(ctx, x(t), top, x(t), top + h);
    for (let v = lo; v <= hi + step / 2; v += step) line(ctx, M.left, y(v), M.left + w, y(v));
    [...byDevice.values()].forEach((rows, d) => {
      ctx.strokeStyle = COLORS[d % COLORS.length]!;
      ctx.lineWidth = 1.2;
      ctx.beginPath();
      rows.forEach((r, i) => {
        const px = x(Date.parse(r.timestamp));
        const py = y(r[panel.key]);
        if (i === 0) ctx.moveTo(px, py);
        else ctx.lineTo(px, py);
      });
      ctx.stroke();
      ctx.fillStyle = '#e00000';
      for (const r of rows) if (r.metadata.anomaly_type) ctx.fillRect(x(Date.parse(r.timestamp)) - 2, y(r[panel.key]) - 2, 4, 4);
    });
    ctx.restore();
    ctx.strokeStyle = '#444';
    ctx.strokeRect(M.left, top, w, h);
    ctx.fillStyle = '#222';
    ctx.font = '13px sans-serif';
    ctx.textAlign = 'right';
    for (let v = lo; v <= hi + step / 2; v += step) ctx.fillText(formatValue(v, step), M.left - 6, y(v) + 4);
    ctx.save();
    ctx.translate(20, top + h / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = 'center';
    ctx.font = 'bold 14px sans-serif';
    ctx.fillText(`${panel.title} (${panel.unit})`, 0, 0);
    ctx.restore();
    if (p === 2) {
      ctx.textAlign = 'center';
      for (const t of ticks) ctx.fillText(tickLabel(clock.toLocalMs(t)), x(t), top + h + 18);
      ctx.fillText(`local time (${b.config.timeZone})`, M.left + w / 2, top + h + 40);
    }
    ctx.textAlign = 'left';
  });
  legend(ctx, [...byDevice.keys()], M.left + w + 16, M.top + 6);
  return canvas.encode('png');
}

type Ctx = ReturnType<ReturnType<typeof import('@napi-rs/canvas').createCanvas>['getContext']>;

function line(ctx: Ctx, x1: number, y1: number, x2: number, y2: number): void {
  ctx.beginPath();
  ctx.moveTo(x1, y1);
  ctx.lineTo(x2, y2);
  ctx.stroke();
}

function legend(ctx: Ctx, devices: string[], left: number, top: number): void {
  ctx.font = '13px sans-serif';
  let yy = top;
  devices.slice(0, 20).forEach((id, d) => {
    ctx.fillStyle = COLORS[d % COLORS.length]!;
    ctx.fillRect(left, yy, 18, 3);
    ctx.fillStyle = '#222';
    ctx.fillText(id, left + 24, yy + 5);
    yy += 20;
  });
  if (devices.length > 20) ctx.fillText(`… ${devices.length - 20} more`, left, (yy += 20) - 15);
  yy += 14;
  for (const [type, color] of Object.entries(SHADE)) {
    ctx.fillStyle = color;
    ctx.fillRect(left, yy - 9, 18, 12);
    ctx.fillStyle = '#222';
    ctx.fillText(type, left + 24, yy + 2);
    yy += 20;
  }
  ctx.fillStyle = '#e00000';
  ctx.fillRect(left + 7, yy - 5, 4, 4);
  ctx.fillStyle = '#222';
  ctx.fillText('anomaly', left + 24, yy + 2);
}

/** Instants in [start, end] on round local times, about 6–12 of them. */
function timeTicks(start: number, end: number, clock: LocalClock): number[] {
  const span = end - start;
  const step = TIME_STEPS.find((s) => span / s <= 12) ?? TIME_STEPS.at(-1)!;
  const out: number[] = [];
  const localStart = clock.toLocalMs(start);
  // multi-day steps count from the local day grid
  for (let local = Math.ceil(localStart / step) * step; out.length < 40; local += step) {
    const t = clock.fromLocalMs(local);
    if (t > end) break;
    if (t >= start) out.push(t);
  }
  return out;
}

function tickLabel(local: number): string {
  const d = new Date(local);
  const date = `${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  return local % MS_PER_DAY === 0 ? date : `${date} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}

/** Axis bounds on a 1-2-5 step grid with about five intervals. */
function niceRange(min: number, max: number): [number, number, number] {
  if (!(max > min)) [min, max] = [min - 1, max + 1];
  const raw = (max - min) / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * mag).find((s) => s >= raw)!;
  return [Math.floor(min / step) * step, Math.ceil(max / step) * step, step];
}

function formatValue(v: number, step: number): string {
  return v.toFixed(Math.max(0, -Math.floor(Math.log10(step) + 1e-9)));
}
