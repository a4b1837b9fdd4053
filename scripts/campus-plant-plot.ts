// The campus chilled-water plant as one thermal system, as a chiller/HVAC engineer reads it at 1 minute: the
// chillers' load against the air handlers' coil duties (each read off its valve: valve × its coil's design duty), the
// restart after the year's longest outage (the air handlers' discharge against the chilled water the plant delivers,
// their valves and spaces) and each tower's leaving water against its chillers' entering condenser water. A May and a
// January day and the outage. Writes PNGs.
// Run: npx tsx scripts/campus-plant-plot.ts [outDir=test-artifacts/campus-plant] [label]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { Engine } from '../src/sim/engine.js';
import { GridOutages } from '../src/sim/physics/campus-grid.js';
import { saturationHumidityRatio } from '../src/sim/relations/psychrometrics.js';
import { campusWith } from '../test/helpers/campus-fault-runs.js';
import { panelFrame } from './plot-panel.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const IST = 5.5 * HOUR;
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2'];

const outDir = process.argv[2] ?? 'test-artifacts/campus-plant';
const label = process.argv[3] ?? '';
mkdirSync(outDir, { recursive: true });
const run = campusWith(null);
const grid = new GridOutages(run.topology.site.campus!.grid, 1);
const ids = (prefix: string) => run.topology.equips.filter((e) => e.id.startsWith(`${prefix}_`)).map((e) => e.id);
const [chillers, ahus, towers] = [ids('chiller'), ids('ahu'), ids('ct')];
const ratingOf = (id: string) => (run.topology.equips.find((e) => e.id === id)!.config as { rating: number }).rating;
const essential = (id: string) => (run.topology.equips.find((e) => e.id === id)!.config as { essential: boolean }).essential;
/** an AHU coil's design duty, kW: its rated air from 29 °C, 0.0165 kg/kg to saturated at 12.5 °C (ahu-coil.ts) */
const h = (c: number, w: number) => 1.006 * c + w * (2501 + 1.86 * c);
const designKw = (cfm: number) => cfm * 0.000471947 * 1.2 * (h(29, 0.0165) - h(12.5, saturationHumidityRatio(12.5)));

/** Every column of the plant's equipment over [from, to) at 1 minute. */
function columns(from: number, to: number) {
  const engine = new Engine(run.model, run.topology, {
    seed: 1,
    intervalMs: MINUTE,
    epochMs: Math.floor(from / DAY) * DAY - DAY,
    equipIds: [...chillers, ...ahus, ...towers],
  });
  const chunks = engine.chunksIn(from, to).map((c) => engine.computeChunk(c, from, to).batch);
  const ts = chunks.flatMap((b) => [...b.timestamps]);
  const col = (id: string, key: string) => {
    const r = run.model.points.find((p) => p.id === `${id}.${key}`)!.index;
    return chunks.flatMap((b) => [...b.values.subarray(r * b.timestamps.length, (r + 1) * b.timestamps.length)]);
  };
  return { ts, col };
}

type Curve = { name: string; v: number[] };
type Panel = { title: string; curves: Curve[] };

function draw(name: string, from: number, to: number, panels: (c: ReturnType<typeof columns>) => Panel[]) {
  const c = columns(from, to);
  const ps = panels(c);
  const width = 1800;
  const panelH = 220;
  const left = 90;
  const top = 40;
  const canvas = createCanvas(width, top + ps.length * panelH + 30);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, canvas.height);
  ctx.fillStyle = '#222';
  ctx.font = 'bold 16px sans-serif';
  ctx.fillText(`${name} ${label} (IST)`, left, 24);
  const w = width - left - 20;
  const x = (t: number) => left + ((t - from) / (to - from)) * w;
  const step = to - from > 12 * HOUR ? 2 * HOUR : HOUR / 2;
  ps.forEach((p, i) => {
    const y0 = top + i * panelH;
    const hh = panelH - 26;
    const all = p.curves.flatMap((cv) => cv.v).filter(Number.isFinite);
    let [lo, hi] = [Math.min(...all), Math.max(...all)];
    if (hi - lo < 1e-6) [lo, hi] = [lo - 1, hi + 1];
    const y = (v: number) => y0 + hh - ((v - lo) / (hi - lo)) * hh;
    ctx.strokeStyle = '#ddd';
    for (let t = Math.ceil((from + IST) / step) * step - IST; t < to; t += step) {
      ctx.beginPath();
      ctx.moveTo(x(t), y0);
      ctx.lineTo(x(t), y0 + hh);
      ctx.stroke();
      ctx.fillStyle = '#222';
      ctx.font = '11px sans-serif';
      ctx.fillText(new Date(t + IST).toISOString().slice(11, 16), x(t) - 14, y0 + hh + 13);
    }
    p.curves.forEach((cv, j) => {
      ctx.strokeStyle = COLORS[j % COLORS.length]!;
      ctx.beginPath();
      cv.v.forEach((v, k) => (k ? ctx.lineTo(x(c.ts[k]!), y(v)) : ctx.moveTo(x(c.ts[k]!), y(v))));
      ctx.stroke();
      ctx.fillStyle = COLORS[j % COLORS.length]!;
      ctx.fillText(cv.name, left + 200 + 260 * j, y0 + 14);
    });
    panelFrame(ctx, p.title, { left, top: y0, width: w, height: hh }, lo, hi, y);
  });
  const file = join(outDir, `${name}${label}.png`);
  writeFileSync(file, canvas.toBuffer('image/png'));
  console.log(file);
}

const sum = (n: number, f: (k: number) => number) => Array.from({ length: n }, (_, k) => f(k));

/** the chillers' load against the handlers' coils read off their valves */
const loadPanels = ({ ts, col }: ReturnType<typeof columns>): Panel[] => {
  const trs = chillers.map((id) => col(id, 'cooling_load_tr'));
  const valves = ahus.map((id) => col(id, 'chw_valve_percent'));
  const plantTr = sum(ts.length, (k) => trs.reduce((s, v) => s + v[k]!, 0));
  const ahuTr = sum(ts.length, (k) => ahus.reduce((s, id, a) => s + (valves[a]![k]! / 100) * designKw(ratingOf(id)), 0) / 3.517);
  return [
    {
      title: 'TR',
      curves: [
        { name: 'Σ chiller cooling_load_tr', v: plantTr },
        { name: 'Σ AHU coil (valve × design duty)', v: ahuTr },
        { name: 'difference (process + loop)', v: plantTr.map((p, k) => p - ahuTr[k]!) },
      ],
    },
    { title: 'chiller compressor_load_percent', curves: chillers.map((id) => ({ name: id, v: col(id, 'compressor_load_percent') })) },
    { title: 'chiller chw_supply_temp_c', curves: chillers.map((id) => ({ name: id, v: col(id, 'chw_supply_temp_c') })) },
    ...towerPanels({ ts, col }),
  ];
};

/** each tower's leaving water against its chillers' entering condenser water (chiller j on tower j mod towers) */
const towerPanels = ({ col }: ReturnType<typeof columns>): Panel[] =>
  towers.slice(0, 2).map((ct, i) => ({
    title: `${ct} water_out_temp_c vs its chillers' cw_supply_temp_c`,
    curves: [
      { name: `${ct} out`, v: col(ct, 'water_out_temp_c') },
      { name: `${ct} in`, v: col(ct, 'water_in_temp_c') },
      ...chillers
        .filter((_, j) => j % towers.length === i)
        .flatMap((id) => [
          { name: `${id} cws`, v: col(id, 'cw_supply_temp_c') },
          { name: `${id} cwr`, v: col(id, 'cw_return_temp_c') },
        ]),
    ],
  }));

/** the air handlers through an outage: their discharge against the plant's chilled water */
const outagePanels = ({ ts, col }: ReturnType<typeof columns>): Panel[] => {
  const runs = chillers.map((id) => col(id, 'run_status'));
  const chws = chillers.map((id) => col(id, 'chw_supply_temp_c'));
  const header = sum(ts.length, (k) => {
    let [f, s] = [0, 0];
    chillers.forEach((id, j) => {
      if (runs[j]![k]) [f, s] = [f + ratingOf(id), s + ratingOf(id) * chws[j]![k]!];
    });
    return f > 0 ? s / f : Number.NaN;
  });
  const picks = [ahus.find(essential), ahus.find((a) => !essential(a))].filter((a): a is string => a !== undefined);
  return [
    {
      title: '°C',
      curves: [
        { name: 'CHW header (running chillers)', v: header },
        { name: 'header + coil approach 5.5 K', v: header.map((v) => v + 5.5) },
        ...picks.flatMap((id) => [
          { name: `${id}${essential(id) ? ' (essential)' : ''} discharge`, v: col(id, 'supply_air_temp_c') },
          { name: `${id} return`, v: col(id, 'return_air_temp_c') },
        ]),
      ],
    },
    { title: 'AHU chw_valve_percent', curves: picks.map((id) => ({ name: id, v: col(id, 'chw_valve_percent') })) },
    { title: 'AHU fan_status', curves: picks.map((id) => ({ name: id, v: col(id, 'fan_status') })) },
    { title: 'chiller compressor_load_percent', curves: chillers.map((id) => ({ name: id, v: col(id, 'compressor_load_percent') })) },
    ...loadPanels({ ts, col }).slice(0, 1),
    ...towerPanels({ ts, col }).slice(0, 1),
  ];
};

const may = Date.parse('2025-05-14T00:00:00Z') - IST;
draw('may-day', may, may + DAY, loadPanels);
const jan = Date.parse('2025-01-15T00:00:00Z') - IST;
draw('january-day', jan, jan + DAY, loadPanels);
let longest = { start: 0, end: 0 };
for (let d = Math.floor((may + IST) / DAY); d < Math.floor((may + IST) / DAY) + 365; d++)
  for (const o of grid.onDay(d)) if (o.end - o.start > longest.end - longest.start) longest = o;
draw('outage-restart', longest.start - HOUR, longest.end + 2 * HOUR, outagePanels);
