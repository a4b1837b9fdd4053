// Each campus fault kind's signature as an engineer reads it on a trend: the faulted equipment's signature columns
// at 1 minute, fault (red) against the same campus without it (grey), over the window plus a day either side, and a
// zoom on the day the window ends (the worst of a growing fault and the recovery after it). Writes PNGs.
// Run: npx tsx scripts/campus-fault-plot.ts [outDir=test-artifacts/campus-faults] [kind,kind,...]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import type { DegradationKind } from '../src/profile/schema.js';
import type { GroundTruthEvent } from '../src/sim/sample.js';
import { type CampusRun, type Series, campusWith, faultEventsOf, seriesOf } from '../test/helpers/campus-fault-runs.js';
import { panelFrame } from './plot-panel.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** IST, the campus's clock: the axis is labelled in it */
const IST = 5.5 * HOUR;
const SPAN = [Date.parse('2025-03-01T00:00:00Z'), Date.parse('2025-12-01T00:00:00Z')] as const;

interface Plot {
  readonly kind: DegradationKind;
  readonly keys: readonly string[];
  /** which of the kind's events to show: one where the signature can show (the machine runs, the grid fails) */
  readonly pick?: (e: GroundTruthEvent, clean: CampusRun) => boolean;
}

const runsMost = (e: GroundTruthEvent, clean: CampusRun, share: number) => {
  const run = seriesOf(clean, e.entityId, ['run_status'], e.start, e.end, HOUR).values.run_status!;
  return run.reduce((a, b) => a + b, 0) / run.length > share;
};
const chiller = (e: GroundTruthEvent) => e.entityId.startsWith('chiller_');

const PLOTS: readonly Plot[] = [
  {
    kind: 'condenser-fouling',
    keys: [
      'run_status',
      'alarm_status',
      'cw_return_temp_c',
      'cond_sat_temp_c',
      'cond_approach_c',
      'condenser_pressure_bar',
      'discharge_temp_c',
      'active_power_kw',
      'cop',
      'chw_supply_temp_c',
    ],
    // a bad one in the hot season, on a machine that runs
    pick: (e, clean) => Number(e.params.finalApproachRiseK) > 18 && chiller(e) && runsMost(e, clean, 0.5),
  },
  {
    kind: 'low-refrigerant-charge',
    keys: [
      'run_status',
      'chw_supply_temp_c',
      'evap_sat_temp_c',
      'evap_approach_c',
      'suction_superheat_c',
      'exv_position_percent',
      'subcooling_c',
      'active_power_kw',
      'cop',
    ],
    pick: (e, clean) => chiller(e) && runsMost(e, clean, 0.3),
  },
  {
    kind: 'short-cycling',
    keys: ['run_status', 'compressor_starts', 'chw_supply_temp_c', 'active_power_kw', 'evaporator_pressure_bar', 'discharge_temp_c'],
    pick: (e, clean) => chiller(e) && runsMost(e, clean, 0.5),
  },
  { kind: 'bearing-wear', keys: ['run_status', 'vibration_mm_s', 'bearing_temp_c', 'active_power_kw'] },
  { kind: 'capacitor-step-failure', keys: ['steps_on', 'capacitor_kvar', 'power_factor', 'active_power_kw'] },
  { kind: 'transformer-overheating', keys: ['load_percent', 'oil_temp_c', 'winding_temp_c'] },
  {
    kind: 'dg-fail-to-start',
    keys: ['run_status', 'alarm_status', 'engine_speed_rpm', 'active_power_kw', 'battery_voltage_v', 'coolant_temp_c'],
  },
  {
    kind: 'ups-battery-degradation',
    keys: ['mode', 'alarm_status', 'battery_current_a', 'battery_voltage_v', 'battery_runtime_min', 'battery_charge_percent'],
  },
  {
    kind: 'compressor-short-cycling',
    keys: ['run_status', 'load_status', 'active_power_kw', 'discharge_pressure_bar'],
    pick: (e, clean) => runsMost(e, clean, 0.8),
  },
];

const outDir = process.argv[2] ?? 'test-artifacts/campus-faults';
const only = process.argv[3]?.split(',');
mkdirSync(outDir, { recursive: true });
const clean = campusWith(null);

for (const plot of PLOTS.filter((p) => !only || only.includes(p.kind))) {
  const faulty = campusWith(plot.kind);
  const event = faultEventsOf(plot.kind, faulty, SPAN[0], SPAN[1]).find((e) => !plot.pick || plot.pick(e, clean));
  if (!event) {
    console.log(`${plot.kind}: no event to show`);
    continue;
  }
  const from = Math.floor((event.start + IST) / DAY) * DAY - IST - DAY;
  const to = Math.ceil((event.end + IST) / DAY) * DAY - IST + DAY;
  const keys = plot.keys.filter((k) => faulty.model.points.some((p) => p.id === `${event.entityId}.${k}`));
  const bad = seriesOf(faulty, event.entityId, keys, from, to, MINUTE);
  const good = seriesOf(clean, event.entityId, keys, from, to, MINUTE);
  const title = `${plot.kind} on ${event.entityId}: ${Object.entries(event.params)
    .filter(([k]) => k !== 'kind')
    .map(([k, v]) => `${k}=${v}`)
    .join(', ')}`;
  const base = join(outDir, plot.kind);
  writeFileSync(`${base}.png`, render(title, keys, bad, good, event, from, to));
  const zoomTo = Math.min(to, event.end + 6 * HOUR);
  writeFileSync(`${base}-zoom.png`, render(`${title} (zoom)`, keys, bad, good, event, zoomTo - DAY, zoomTo));
  console.log(`${base}.png: ${new Date(event.start).toISOString()} – ${new Date(event.end).toISOString()}`);
}

function render(title: string, keys: readonly string[], bad: Series, good: Series, e: GroundTruthEvent, from: number, to: number) {
  const width = 1800;
  const panelH = 150;
  const left = 90;
  const right = 20;
  const top = 40;
  const height = top + keys.length * panelH + 40;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#222';
  ctx.font = 'bold 16px sans-serif';
  ctx.fillText(`${title}   (red: with the fault, grey: without; shaded: the fault window; IST)`, left, 24);
  const w = width - left - right;
  const x = (t: number) => left + ((t - from) / (to - from)) * w;
  const inRange = bad.ts.map((t, i) => (t >= from && t < to ? i : -1)).filter((i) => i >= 0);
  keys.forEach((key, p) => {
    const y0 = top + p * panelH;
    const h = panelH - 22;
    const all = inRange.flatMap((i) => [bad.values[key]![i]!, good.values[key]![i]!]).filter(Number.isFinite);
    let lo = Math.min(...all);
    let hi = Math.max(...all);
    if (hi - lo < 1e-6) [lo, hi] = [lo - 1, hi + 1];
    const pad = 0.06 * (hi - lo);
    const y = (v: number) => y0 + h - ((v - lo + pad) / (hi - lo + 2 * pad)) * h;
    ctx.fillStyle = 'rgba(230,60,60,0.10)';
    ctx.fillRect(x(Math.max(from, e.start)), y0, Math.max(0, x(Math.min(to, e.end)) - x(Math.max(from, e.start))), h);
    ctx.strokeStyle = '#ddd';
    ctx.lineWidth = 1;
    // local midnights (and 6-hourly lines on a zoom)
    const step = to - from <= 2 * DAY ? 6 * HOUR : DAY;
    for (let t = Math.ceil((from + IST) / step) * step - IST; t < to; t += step) {
      ctx.beginPath();
      ctx.moveTo(x(t), y0);
      ctx.lineTo(x(t), y0 + h);
      ctx.stroke();
      if (p === keys.length - 1) {
        const d = new Date(t + IST).toISOString();
        ctx.fillStyle = '#222';
        ctx.font = '12px sans-serif';
        ctx.fillText(step === DAY ? d.slice(5, 10) : d.slice(5, 16).replace('T', ' '), x(t) - 18, y0 + h + 16);
      }
    }
    for (const [s, color] of [
      [good, '#8a8a8a'],
      [bad, '#d62728'],
    ] as const) {
      ctx.strokeStyle = color;
      ctx.lineWidth = 1;
      ctx.beginPath();
      let pen = false;
      for (const i of inRange) {
        const v = s.values[key]![i]!;
        if (!Number.isFinite(v)) {
          pen = false;
          continue;
        }
        if (pen) ctx.lineTo(x(s.ts[i]!), y(v));
        else ctx.moveTo(x(s.ts[i]!), y(v));
        pen = true;
      }
      ctx.stroke();
    }
    panelFrame(ctx, key, { left, top: y0, width: w, height: h }, lo, hi, y);
  });
  return canvas.toBuffer('image/png');
}
