// The validation report and the alerts list: read-only tables over /ui/api.
import { api } from './api-client.js';
import { el, formatTime } from './dom.js';

let validationShown = false;

export async function showValidation(again) {
  if (validationShown && !again) return;
  validationShown = true;
  const summary = document.getElementById('validation-summary');
  summary.textContent = 'validating the store… (a large store takes a while)';
  try {
    const report = await api(`validation${again ? '?refresh=1' : ''}`);
    const failed = report.checks.filter((c) => !c.passed).length;
    summary.textContent = `${report.checks.length - failed}/${report.checks.length} passed · ${failed ? `${failed} failed` : 'PASS'} · checked ${report.checkedAt.replace('T', ' ').slice(0, 19)} UTC`;
    document
      .querySelector('#validation tbody')
      .replaceChildren(
        ...report.checks.map((c) =>
          el(
            'tr',
            { class: c.passed ? '' : 'fail' },
            el('td', {}, el('i', { class: `dot ${c.passed ? 'ok' : 'fault'}` })),
            el('td', {}, c.category),
            el('td', {}, c.title),
            el('td', { class: 'muted' }, c.detail),
          ),
        ),
      );
  } catch (e) {
    validationShown = false;
    summary.textContent = e.message;
  }
}

export async function showAlerts(timeZone) {
  const r = await api('alerts');
  document.getElementById('alerts-count').textContent = `${r.rowCount}${r.truncated ? '+' : ''} alerts`;
  document.querySelector('#alerts tbody').replaceChildren(
    ...r.rows
      .slice()
      .reverse()
      .map((a) =>
        el(
          'tr',
          {},
          el('td', {}, formatTime(a.ts, timeZone)),
          el('td', {}, el('a', { href: `#equip=${a.equipment}` }, a.equipment)),
          el('td', { class: `sev-${a.severity}` }, a.severity),
          el('td', {}, a.message),
          el('td', { class: 'num' }, a.value === null ? '—' : String(a.value)),
          el('td', { class: 'muted' }, a.faultEvent ?? ''),
        ),
      ),
  );
}
