// The dashboard page: site tree, the selected equipment's points with current values and status, and
// its trend with ground-truth events; the other tabs are in their own modules.
import { api } from './api-client.js';
import { el, formatTime } from './dom.js';
import { startLivePanel } from './live-panel.js';
import { showAlerts, showValidation } from './report-panels.js';
import { eventColour, format, TrendChart } from './trend-chart.js';

const DAY = 86_400_000;
const state = { site: undefined, equip: undefined, readings: undefined, selected: [], zoom: undefined, chart: undefined };

async function main() {
  setupTabs();
  state.site = await api('site');
  const { tree, layout, timeZone, org } = state.site;
  document.getElementById('site-name').textContent = tree.dis;
  document.getElementById('site-facts').textContent = `${org} · ${layout} layout · ${timeZone}`;
  document.title = `haysim · ${tree.dis}`;
  renderTree(tree);
  state.chart = new TrendChart(document.getElementById('chart'), {
    timeZone,
    onZoom: (from, to) => {
      state.zoom = from === undefined ? undefined : { from, to };
      drawTrend();
    },
  });
  document.getElementById('zoom-reset').onclick = () => state.chart.onZoom();
  document.getElementById('span').onchange = () => state.chart.onZoom();
  document.getElementById('tree-filter').oninput = (e) => filterTree(e.target.value.trim().toLowerCase());
  startLivePanel(state.site.live);
  // a link to #equip=… (the alerts list, a bookmark) opens that equipment
  const fromHash = () => {
    const wanted = new URLSearchParams(location.hash.slice(1)).get('equip');
    if (wanted && wanted !== state.equip) {
      document.querySelector('[data-tab="trends"]').click();
      selectEquip(wanted);
    }
  };
  window.addEventListener('hashchange', fromHash);
  fromHash();
}

function setupTabs() {
  for (const button of document.querySelectorAll('[data-tab]'))
    button.onclick = () => {
      for (const b of document.querySelectorAll('[data-tab]')) b.setAttribute('aria-selected', String(b === button));
      for (const tab of document.querySelectorAll('.tab')) tab.hidden = tab.id !== `tab-${button.dataset.tab}`;
      if (button.dataset.tab === 'validation') showValidation(false);
      if (button.dataset.tab === 'alerts') showAlerts(state.site.timeZone);
    };
  document.getElementById('validation-run').onclick = () => showValidation(true);
}

function renderTree(root) {
  const container = document.getElementById('tree');
  container.replaceChildren(node(root, 0));
}

function node(n, depth) {
  if (n.kind === 'equip') {
    const link = el(
      'a',
      { class: 'equip', href: `#equip=${n.equip}`, 'data-equip': n.equip, title: `${n.id} · ${n.points} points` },
      n.dis,
    );
    link.append(el('span', { class: 'type' }, n.type));
    link.onclick = (e) => {
      e.preventDefault();
      selectEquip(n.equip);
    };
    return link;
  }
  const equipCount = countEquip(n);
  const details = el('details', { class: `node-${n.kind}` });
  details.open = depth < 1 || (n.kind === 'floor' && depth < 2 && equipCount < 40);
  details.append(el('summary', {}, `${n.dis} `, el('span', { class: 'muted small' }, `(${equipCount})`)));
  const children = el('div', { class: 'children' });
  for (const c of n.children) children.append(node(c, depth + 1));
  details.append(children);
  return details;
}

const countEquip = (n) => (n.kind === 'equip' ? 1 : n.children.reduce((s, c) => s + countEquip(c), 0));

function filterTree(text) {
  for (const a of document.querySelectorAll('.tree .equip')) a.hidden = text !== '' && !a.textContent.toLowerCase().includes(text);
  for (const d of document.querySelectorAll('.tree details:not(.node-site)')) {
    const match = d.querySelector('.equip:not([hidden])') !== null;
    d.hidden = text !== '' && !match;
    if (text) d.open = match;
  }
}

async function selectEquip(id) {
  state.equip = id;
  state.zoom = undefined;
  history.replaceState(null, '', `#equip=${id}`);
  for (const a of document.querySelectorAll('.tree .equip')) {
    const on = a.dataset.equip === id;
    a.classList.toggle('selected', on);
    if (on) for (let p = a.parentElement; p; p = p.parentElement) if (p.tagName === 'DETAILS') p.open = true;
  }
  document.getElementById('equip-empty').hidden = true;
  document.getElementById('equip-view').hidden = false;
  const link = document.querySelector(`.tree .equip[data-equip="${CSS.escape(id)}"]`);
  document.getElementById('equip-title').textContent = link?.firstChild.textContent ?? id;
  document.getElementById('equip-meta').textContent = `${id}${link ? ` · ${link.querySelector('.type').textContent}` : ''}`;
  state.readings = await api(`readings?equip=${encodeURIComponent(id)}`);
  if (state.equip !== id) return;
  const numeric = state.readings.points.filter((p) => p.kind !== 'text');
  state.selected = defaultTrend(numeric).map((p) => p.name);
  renderReadings();
  await drawTrend();
}

/** Temperatures first (a VAV's zone temperature and its setpoints), else the first few numbers. */
function defaultTrend(points) {
  const temps = points.filter((p) => /temp/.test(p.name) && p.kind === 'number');
  const zone = temps.filter((p) => /zone|space|room/.test(p.name));
  const pick = zone.length ? [...zone, ...temps.filter((p) => !zone.includes(p))] : temps;
  return (pick.length ? pick : points.filter((p) => p.kind === 'number')).slice(0, 3);
}

function renderReadings() {
  const { ts, points } = state.readings;
  document.getElementById('readings-ts').textContent = ts ? `as of ${formatTime(ts, state.site.timeZone)}` : 'no readings';
  const rows = points.map((p) => {
    const box = el('input', { type: 'checkbox', 'aria-label': `trend ${p.name}` });
    box.checked = state.selected.includes(p.name);
    box.disabled = p.kind === 'text';
    box.onchange = () => {
      state.selected = box.checked ? [...state.selected, p.name].slice(-8) : state.selected.filter((n) => n !== p.name);
      drawTrend();
    };
    const status = p.status ?? 'unknown';
    const value = typeof p.value === 'number' ? format(p.value) : p.value === null ? '—' : String(p.value);
    return el(
      'tr',
      { 'data-point': p.name },
      el('td', {}, box),
      el('td', {}, el('code', {}, p.name)),
      el('td', { class: 'muted' }, p.description ?? ''),
      el('td', { class: `num value-${status}` }, value),
      el('td', {}, p.unit ?? ''),
      el('td', {}, el('span', { class: 'status' }, el('i', { class: `dot ${status}` }), status)),
    );
  });
  document.querySelector('#readings tbody').replaceChildren(...rows);
}

async function drawTrend() {
  const id = state.equip;
  const info = document.getElementById('chart-info');
  const columns = state.readings.points.filter((p) => state.selected.includes(p.name));
  if (columns.length === 0) {
    info.textContent = 'tick a point below to trend it';
    return;
  }
  const chart = state.chart;
  const span = Number(document.getElementById('span').value);
  let range = state.zoom;
  if (!range && span) {
    const newest = state.readings.ts ? Date.parse(state.readings.ts) + 1 : Date.now();
    range = { from: newest - span * DAY, to: newest };
  }
  const q = new URLSearchParams({ equip: id, columns: columns.map((c) => c.name).join(','), width: String(chart.width()) });
  if (range) {
    q.set('from', String(range.from));
    q.set('to', String(range.to));
  }
  info.textContent = 'loading…';
  const trend = await api(`trend?${q}`);
  const events = await api(`events?equip=${encodeURIComponent(id)}&from=${trend.from}&to=${trend.to}`);
  if (state.equip !== id) return;
  chart.render(columns, trend, events.events);
  const tz = state.site.timeZone;
  info.textContent =
    `${formatTime(trend.from, tz)} → ${formatTime(trend.to, tz)} · ${trend.t.length} ${trend.bucket ? `buckets of ${trend.bucket} (min/avg/max)` : 'raw readings'}` +
    ` · ${trend.queryMs.toFixed(0)} ms in the database · drag to zoom, double-click to reset`;
  document
    .getElementById('event-list')
    .replaceChildren(
      ...events.events.map((ev) =>
        el(
          'li',
          { style: `border-color:${eventColour(ev.type)}`, 'data-event': ev.type, title: JSON.stringify(ev.params) },
          el('b', {}, ev.type),
          ` ${ev.target} · ${formatTime(ev.start, tz)} → ${formatTime(ev.end, tz)}`,
        ),
      ),
    );
}

main().catch((e) => {
  document.getElementById('site-name').textContent = `cannot load the site: ${e.message}`;
});
