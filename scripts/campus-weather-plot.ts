// The campus's sun as a meteorologist reads it: each month's mean daily global horizontal irradiation over 10 years
// (bars, IMD's July normal marked) and three July days at 1 minute (GHI, clear sky and cloud cover). Writes PNGs.
// Run: npx tsx scripts/campus-weather-plot.ts [outDir=test-artifacts/campus-weather] [label]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { EQUIPMENT_TYPES } from '../src/equipment/index.js';
import { buildModel } from '../src/model/build-model.js';
import { loadProfile } from '../src/profile/load-profile.js';
import { clearSkyHorizontal } from '../src/sim/solar.js';
import { allocWeatherColumns, siteWeather } from '../src/sim/weather.js';
import { panelFrame } from './plot-panel.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const IST = 5.5 * HOUR;
/** IMD Pune's normal daily global radiation in July, 16.6 MJ/m² */
const IMD_JULY_KWH = 16.6 / 3.6;

const outDir = process.argv[2] ?? 'test-artifacts/campus-weather';
const label = process.argv[3] ?? '';
mkdirSync(outDir, { recursive: true });
const { site } = buildModel((await loadProfile('industrial-campus', EQUIPMENT_TYPES)).profile, EQUIPMENT_TYPES).topology;
const { latitude, longitude } = site.site;
const weather = siteWeather(site, 1);

// monthly mean daily totals, 15-minute steps over 10 years
const monthly = Array.from({ length: 12 }, () => ({ sum: 0, n: 0 }));
const ts = new Float64Array(96);
const w = allocWeatherColumns(96);
for (let d = 0; d < 3652; d++) {
  const midnight = Date.UTC(2020, 0, 1) + d * DAY - IST;
  for (let k = 0; k < 96; k++) ts[k] = midnight + k * 15 * MINUTE;
  weather.fill(ts, w);
  const m = monthly[new Date(midnight + IST).getUTCMonth()]!;
  for (const g of w.solarGlobal) m.sum += g;
  m.n += 96;
}
const kwh = monthly.map((m) => (m.sum / m.n) * 0.024);
save('monthly-ghi', barChart(`Pune (campus) mean daily GHI, kWh/m², 10 years ${label}; line: IMD July normal`, kwh));

// three July days at 1 minute
const from = Date.parse('2026-07-14T00:00:00Z') - IST;
const minutes = new Float64Array(3 * 24 * 60).map((_, i) => from + i * MINUTE);
const july = allocWeatherColumns(minutes.length);
weather.fill(minutes, july);
const clear = minutes.map((t) => clearSkyHorizontal(t, latitude, longitude));
save('july-minutes', dayChart(`Pune 14–16 July 2026 at 1 minute ${label} (IST)`, minutes, july.solarGlobal, clear, july.cloudCover));

function save(name: string, png: Buffer): void {
  writeFileSync(join(outDir, `${name}${label}.png`), png);
  console.log(join(outDir, `${name}${label}.png`), name === 'monthly-ghi' ? kwh.map((v) => v.toFixed(2)).join(' ') : '');
}

function barChart(title: string, values: number[]): Buffer {
  const [width, height, left, top, bottom] = [900, 420, 60, 40, 40];
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#222';
  ctx.font = 'bold 14px sans-serif';
  ctx.fillText(title, left, 24);
  const h = height - top - bottom;
  const y = (v: number) => top + h - (v / 9) * h;
  const slot = (width - left - 20) / 12;
  values.forEach((v, m) => {
    ctx.fillStyle = '#f0a030';
    ctx.fillRect(left + m * slot + 8, y(v), slot - 16, y(0) - y(v));
    ctx.fillStyle = '#222';
    ctx.font = '11px sans-serif';
    ctx.fillText('JFMAMJJASOND'[m]!, left + m * slot + slot / 2 - 4, y(0) + 16);
    ctx.fillText(v.toFixed(2), left + m * slot + slot / 2 - 12, y(v) - 4);
  });
  ctx.strokeStyle = '#d62728';
  ctx.beginPath();
  ctx.moveTo(left + 6 * slot, y(IMD_JULY_KWH));
  ctx.lineTo(left + 7 * slot, y(IMD_JULY_KWH));
  ctx.stroke();
  panelFrame(ctx, '', { left, top, width: width - left - 20, height: h }, 0, 9, y);
  return canvas.toBuffer('image/png');
}

function dayChart(title: string, t: Float64Array, ghi: Float64Array, clearSky: Float64Array, cloud: Float64Array): Buffer {
  const [width, left, top, panelH] = [1800, 90, 40, 260];
  const canvas = createCanvas(width, top + 2 * panelH + 30);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, canvas.height);
  ctx.fillStyle = '#222';
  ctx.font = 'bold 16px sans-serif';
  ctx.fillText(`${title}: GHI blue, clear sky grey; cloud cover`, left, 24);
  const w = width - left - 20;
  const x = (v: number) => left + ((v - t[0]!) / (t[t.length - 1]! - t[0]!)) * w;
  const line = (values: ArrayLike<number>, color: string, y: (v: number) => number) => {
    ctx.strokeStyle = color;
    ctx.beginPath();
    for (let i = 0; i < t.length; i++) (i ? ctx.lineTo : ctx.moveTo).call(ctx, x(t[i]!), y(values[i]!));
    ctx.stroke();
  };
  const panels: [string, number, [ArrayLike<number>, string][]][] = [
    [
      'GHI W/m²',
      1100,
      [
        [clearSky, '#aaa'],
        [ghi, '#1f77b4'],
      ],
    ],
    ['cloud cover', 1, [[cloud, '#555']]],
  ];
  panels.forEach(([key, hi, lines], p) => {
    const y0 = top + p * panelH;
    const h = panelH - 22;
    const y = (v: number) => y0 + h - (v / hi) * h;
    for (let hour = 0; hour <= 72; hour += 3) {
      const xv = x(t[0]! + hour * HOUR);
      ctx.strokeStyle = '#ddd';
      ctx.beginPath();
      ctx.moveTo(xv, y0);
      ctx.lineTo(xv, y0 + h);
      ctx.stroke();
      if (p === 1) {
        ctx.fillStyle = '#222';
        ctx.font = '11px sans-serif';
        ctx.fillText(`${String(hour % 24).padStart(2, '0')}:00`, xv - 14, y0 + h + 14);
      }
    }
    for (const [values, color] of lines) line(values, color, y);
    panelFrame(ctx, key, { left, top: y0, width: w, height: h }, 0, hi, y);
  });
  return canvas.toBuffer('image/png');
}
