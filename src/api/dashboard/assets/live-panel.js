// The live service: status pill in the top bar, metric cards, start/stop/reset, the config editor and
// the activity log, refreshed every few seconds.
import { api } from './api-client.js';
import { el, formatDuration } from './dom.js';

const POLL_MS = 2000;
const $ = (id) => document.getElementById(id);
/** the editor is filled from the first status that arrives (the first poll may fail while the service starts), then left to the user */
let formFilled = false;

export function startLivePanel(available) {
  const pill = $('live-pill');
  if (!available) {
    pill.textContent = 'live: not running here';
    $('live-unavailable').hidden = false;
    $('live-view').hidden = true;
    return;
  }
  $('live-start').onclick = () => act('start');
  $('live-stop').onclick = () => act('stop');
  $('live-reset').onclick = () => confirm('Forget progress? The next start backfills from scratch.') && act('reset');
  $('config-form').onsubmit = saveConfig;
  refresh();
  setInterval(refresh, POLL_MS);
}

async function refresh() {
  try {
    const s = await api('live');
    const pill = $('live-pill');
    pill.className = `pill pill-${s.status}`;
    pill.textContent = `live: ${s.status}`;
    pill.dataset.status = s.status;
    $('live-start').disabled = s.running;
    $('live-stop').disabled = !s.running;
    renderCards(s);
    if (!formFilled) fillForm(s.config);
    const { items } = await api('live/activity?limit=40');
    $('activity')
      .querySelector('tbody')
      .replaceChildren(
        ...items.map((a) =>
          el(
            'tr',
            { class: a.eventType === 'error' ? 'fail' : '' },
            el('td', {}, a.timestamp.replace('T', ' ').slice(0, 19)),
            el('td', {}, el('span', { class: 'badge' }, a.eventType)),
            el('td', {}, a.message),
          ),
        ),
      );
  } catch (e) {
    $('live-message').textContent = e.message;
  }
}

function renderCards(s) {
  const card = (label, value, tone = '') =>
    el('div', { class: 'metric' }, el('div', { class: 'label' }, label), el('div', { class: `value ${tone}` }, value));
  const n = (v) => Number(v).toLocaleString('en-US');
  $('live-cards').replaceChildren(
    card('Status', s.status, s.status === 'running' ? 'good' : s.status === 'error' ? 'bad' : ''),
    card('Last run (simulated)', s.lastRun ? s.lastRun.replace('T', ' ').slice(0, 16) : '—'),
    card('Uptime', s.running ? formatDuration(s.uptimeMs) : '—'),
    card('Points generated', n(s.pointsGenerated)),
    card('Points / minute', n(s.pointsPerMinute)),
    card('Entities', `${n(s.entities.equipment)} equip · ${n(s.entities.points)} pts`),
    card('Acceleration', `×${n(s.config.acceleration)}`),
    card('Lag', `${s.lagSeconds} s sim · ${n(s.lagMs)} ms`, s.lagSeconds > 0 ? 'warn' : ''),
    card('Throughput', `${n(s.rowsPerSecond)} rows/s`),
    card('Errors (24 h)', n(s.errors24h), s.errors24h > 0 ? 'bad' : 'good'),
  );
  $('live-message').textContent = s.errorMessage ? `last error: ${s.errorMessage}` : '';
}

function fillForm(config) {
  formFilled = true;
  const f = $('config-form');
  f.acceleration.value = config.acceleration;
  f.backfillDays.value = config.backfillDays;
  f.interval.value = `${config.intervalMs / 1000} s`;
  f.profile.value = config.profile;
  f.org.value = config.org;
}

async function act(verb) {
  try {
    const r = await api(`live/${verb}`, { method: 'POST' });
    $('live-message').textContent = `${verb}: ${r.status}`;
  } catch (e) {
    $('live-message').textContent = `${verb}: ${e.message}`;
  }
  setTimeout(refresh, 300);
}

async function saveConfig(event) {
  event.preventDefault();
  const f = event.target;
  const message = $('config-message');
  try {
    const config = await api('live/config', {
      method: 'PUT',
      body: { acceleration: Number(f.acceleration.value), backfillDays: Number(f.backfillDays.value) },
    });
    fillForm(config);
    message.textContent = 'saved: applied at the next start';
  } catch (e) {
    message.textContent = e.message;
  }
}
