// Small DOM and formatting helpers the panels share.

/** An element with attributes and children (strings become text: never HTML). */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children.filter((c) => c !== undefined && c !== null));
  return e;
}

/** A time as the site's local wall time: `2025-07-14 13:45`. */
export function formatTime(t, timeZone) {
  const d = new Date(typeof t === 'number' ? t : Date.parse(t));
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short', timeStyle: 'short', hourCycle: 'h23' }).format(d);
  return parts.replace(',', '');
}

/** 3723000 ms → `1 h 02 min`. */
export function formatDuration(ms) {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  const h = Math.floor(m / 60);
  return h < 48 ? `${h} h ${String(m % 60).padStart(2, '0')} min` : `${Math.floor(h / 24)} d ${h % 24} h`;
}
