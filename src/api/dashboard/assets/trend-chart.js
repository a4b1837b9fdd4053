// Trend chart of a few points on uPlot: the server sends at most about a point per pixel (min/avg/max
// per bucket when it had to downsample, drawn as a line in a band); dragging across the chart asks the
// server again for the selected span at full resolution; ground-truth events are shaded spans.
import uPlot from './vendor/uPlot.esm.js';

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2'];
const EVENT_COLOURS = {
  fault: '#d32f2f',
  maintenance: '#7b1fa2',
  stale: '#f9a825',
  gap: '#757575',
  spike: '#ef6c00',
  drift: '#0288d1',
  calibration: '#00897b',
};

export const eventColour = (type) => EVENT_COLOURS[type] ?? '#5d4037';

export class TrendChart {
  /** @param onZoom (from, to) in epoch ms, or () to return to the default span */
  constructor(element, { timeZone, onZoom }) {
    this.element = element;
    this.timeZone = timeZone;
    this.onZoom = onZoom;
    this.events = [];
    this.plot = undefined;
    new ResizeObserver(() => this.plot?.setSize(this.size())).observe(element);
  }

  /** Plot pixels across: what the server downsamples to. */
  width() {
    return Math.max(200, Math.round(this.element.clientWidth - 120));
  }

  size() {
    return { width: Math.max(300, this.element.clientWidth), height: 320 };
  }

  /** @param columns [{ name, unit, description }]; trend from /ui/api/trend; events from /ui/api/events */
  render(columns, trend, events) {
    this.events = events;
    this.plot?.destroy();
    const units = [...new Set(columns.map((c) => c.unit ?? ''))];
    const data = [trend.t];
    const series = [{ label: 'time' }];
    const bands = [];
    columns.forEach((c, i) => {
      const s = trend.series[c.name];
      const colour = COLOURS[i % COLOURS.length];
      const scale = c.unit ?? '';
      data.push(s.avg);
      series.push({
        label: `${c.name}${c.unit ? ` (${c.unit})` : ''}`,
        stroke: colour,
        width: 1.5,
        scale,
        value: (_u, v) => format(v, c.unit),
      });
      if (s.min && s.max) {
        data.push(s.max, s.min);
        const band = { stroke: 'transparent', width: 0, scale, points: { show: false }, legend: { show: false } };
        series.push({ ...band, label: `${c.name} max` }, { ...band, label: `${c.name} min` });
        bands.push({ series: [data.length - 2, data.length - 1], fill: `${colour}26` });
      }
    });
    const axes = [
      { stroke: '#4a5560', grid: { stroke: '#e6e9ed' } },
      ...units.slice(0, 2).map((unit, i) => ({
        scale: unit,
        side: i === 0 ? 3 : 1,
        label: unit || 'value',
        stroke: '#4a5560',
        grid: { show: i === 0, stroke: '#e6e9ed' },
        size: 60,
      })),
    ];
    const scales = { x: { time: true, range: [trend.from / 1000, trend.to / 1000] } };
    for (const unit of units) scales[unit] = { auto: true };
    this.plot = new uPlot(
      {
        ...this.size(),
        series,
        bands,
        axes,
        scales,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), this.timeZone),
        cursor: { drag: { x: true, y: false, setScale: false } },
        legend: { live: true },
        hooks: {
          drawClear: [(u) => this.drawEvents(u)],
          setSelect: [(u) => this.zoomed(u)],
        },
      },
      data,
      this.element,
    );
    this.plot.over.addEventListener('dblclick', () => this.onZoom());
  }

  /** A drag selects a span: ask the server for it (its own downsampling), not a client-side crop. */
  zoomed(u) {
    if (u.select.width < 5) return;
    const from = u.posToVal(u.select.left, 'x') * 1000;
    const to = u.posToVal(u.select.left + u.select.width, 'x') * 1000;
    u.setSelect({ left: 0, width: 0, top: 0, height: 0 }, false);
    this.onZoom(Math.round(from), Math.round(to));
  }

  /** Shaded spans (a line for an instant) with the type above, drawn before the series so they stay on top. */
  drawEvents(u) {
    const { ctx, bbox } = u;
    ctx.save();
    ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
    ctx.textBaseline = 'top';
    for (const ev of this.events) {
      const x0 = Math.max(bbox.left, u.valToPos(ev.start / 1000, 'x', true));
      const x1 = Math.min(bbox.left + bbox.width, u.valToPos(ev.end / 1000, 'x', true));
      if (x1 < bbox.left || x0 > bbox.left + bbox.width) continue;
      const colour = eventColour(ev.type);
      // an event covering most of the view (a months-long drift) is a bar on top only: shading would hide the rest
      if (x1 - x0 < bbox.width * 0.6) {
        ctx.fillStyle = `${colour}24`;
        ctx.fillRect(x0, bbox.top, Math.max(2 * devicePixelRatio, x1 - x0), bbox.height);
      }
      ctx.fillStyle = colour;
      ctx.fillRect(x0, bbox.top, Math.max(2 * devicePixelRatio, x1 - x0), 4 * devicePixelRatio);
      ctx.fillText(ev.type, x0 + 3 * devicePixelRatio, bbox.top + 6 * devicePixelRatio);
    }
    ctx.restore();
  }
}

export function format(v, unit) {
  if (v === null || v === undefined) return '—';
  const digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  return `${v.toFixed(digits)}${unit ? ` ${unit}` : ''}`;
}
