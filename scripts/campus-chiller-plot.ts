// The campus chiller plant in normal operation as an engineer reads it at 1 minute: all six chillers' load, kW, head
// pressure and water temperatures over a day with stage changes, and around the plant's restart after a grid outage
// (the loop warmed while the plant stood). Writes PNGs.
// Run: npx tsx scripts/campus-chiller-plot.ts [outDir=test-artifacts/campus-chillers] [label]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { GridOutages } from '../src/sim/physics/campus-grid.js';
import { type Series, campusWith, seriesOf } from '../test/helpers/campus-fault-runs.js';
import { panelFrame } from './plot-panel.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const IST = 5.5 * HOUR;
const KEYS = [
  'compressor_load_percent',
  'active_power_kw',
  'condenser_pressure_bar',
  'chw_supply_temp_c',
  'chw_return_temp_c',
  'cw_return_temp_c',
];
const CHILLERS = ['chiller_001', 'chiller_002', 'chiller_003', 'chiller_004', 'chiller_005', 'chiller_006'];
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf'];

const outDir = process.argv[2] ?? 'test-artifacts/campus-chillers';
const label = process.argv[3] ?? '';
mkdirSync(outDir, { recursive: true });
const run = campusWith(null);
const grid = new GridOutages(run.topology.site.campus!.grid, 1);

const draw = (name: string, from: number, to: number) => {
  const series = CHILLERS.map((id) => seriesOf(run, id, KEYS, from, to, MINUTE));
  writeFileSync(join(outDir, `${name}${label}.png`), render(`${name} ${label} (IST)`, series, from, to));
  console.log(join(outDir, `${name}${label}.png`));
};

// a May weekday: the afternoon's comfort load stages chillers in, the night's out
const may = Date.parse('2025-05-14T00:00:00Z') - IST;
draw('may-day', may, may + DAY);
// the year's longest outage: the plant restarts into a warm loop
let longest = { start: 0, end: 0 };
for (let d = Math.floor((may + IST) / DAY); d < Math.floor((may + IST) / DAY) + 365; d++)
  for (const o of grid.onDay(d)) if (o.end - o.start > longest.end - longest.start) longest = o;
draw('outage-restart', longest.start - 2 * HOUR, longest.end + 3 * HOUR);

function render(title: string, series: Series[], from: number, to: number) {
  const width = 1800;
  const panelH = 170;
  const left = 90;
  const top = 40;
  const canvas = createCanvas(width, top + KEYS.length * panelH + 30);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, canvas.height);
  ctx.fillStyle = '#222';
  ctx.font = 'bold 16px sans-serif';
  ctx.fillText(
    `${title}: ${CHILLERS.map((c, i) => `${c}=${['blue', 'red', 'green', 'purple', 'orange', 'cyan'][i]}`).join(' ')}`,
    left,
    24,
  );
  const w = width - left - 20;
  const x = (t: number) => left + ((t - from) / (to - from)) * w;
  KEYS.forEach((key, p) => {
    const y0 = top + p * panelH;
    const h = panelH - 22;
    const all = series.flatMap((s) => s.values[key]!).filter(Number.isFinite);
    let [lo, hi] = [Math.min(...all), Math.max(...all)];
    if (hi - lo < 1e-6) [lo, hi] = [lo - 1, hi + 1];
    const y = (v: number) => y0 + h - ((v - lo) / (hi - lo)) * h;
    ctx.strokeStyle = '#ddd';
    for (let t = Math.ceil((from + IST) / HOUR) * HOUR - IST; t < to; t += HOUR) {
      ctx.beginPath();
      ctx.moveTo(x(t), y0);
      ctx.lineTo(x(t), y0 + h);
      ctx.stroke();
      if (p === KEYS.length - 1 && ((t + IST) / HOUR) % 2 === 0) {
        ctx.fillStyle = '#222';
        ctx.font = '11px sans-serif';
        ctx.fillText(new Date(t + IST).toISOString().slice(11, 16), x(t) - 14, y0 + h + 14);
      }
    }
    series.forEach((s, c) => {
      ctx.strokeStyle = COLORS[c]!;
      ctx.beginPath();
      s.values[key]!.forEach((v, i) => (i ? ctx.lineTo(x(s.ts[i]!), y(v)) : ctx.moveTo(x(s.ts[i]!), y(v))));
      ctx.stroke();
    });
    panelFrame(ctx, key, { left, top: y0, width: w, height: h }, lo, hi, y);
  });
  return canvas.toBuffer('image/png');
}
