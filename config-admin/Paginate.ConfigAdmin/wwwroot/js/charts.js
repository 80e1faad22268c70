// Charts drawn as inline SVG (no library). Each chart has an accessible name and a data table
// alternative, so the numbers are available without seeing the picture.

import { h, formatNumber } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';

function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) el.setAttribute(k, String(v));
  for (const c of children.flat()) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

function dataTable(caption, headers, rows) {
  return h('details', { class: 'chart-data' },
    h('summary', {}, `${caption} as a table`),
    h('table', { class: 'table compact' },
      h('thead', {}, h('tr', {}, headers.map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, rows.map((r) => h('tr', {}, r.map((x) => h('td', {}, x)))))));
}

function empty(title) {
  return h('figure', { class: 'chart' }, h('figcaption', {}, title), h('p', { class: 'muted' }, 'No calls in this window.'));
}

/** Horizontal bars for a `{ label: count }` map, largest first. */
export function barChart(title, counts, { color = 'var(--accent)', labelFor = (k) => k } = {}) {
  const entries = Object.entries(counts ?? {}).filter(([, v]) => Number(v) > 0).sort((a, b) => b[1] - a[1]);
  if (!entries.length) return empty(title);
  const max = Math.max(...entries.map(([, v]) => Number(v)));
  const rowHeight = 28;
  const labelWidth = 150;
  const width = 480;
  const barSpace = width - labelWidth - 60;
  const height = entries.length * rowHeight + 8;
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `${title}: ${entries.map(([k, v]) => `${labelFor(k)} ${v}`).join(', ')}`, class: 'chart-svg bars' },
    s('title', {}, title),
    entries.map(([key, value], i) => {
      const y = i * rowHeight + 4;
      const w = Math.max(2, (Number(value) / max) * barSpace);
      return s('g', {},
        s('text', { x: labelWidth - 8, y: y + 17, 'text-anchor': 'end', class: 'chart-label' }, labelFor(key)),
        s('rect', { x: labelWidth, y: y + 4, width: w, height: rowHeight - 10, rx: 3, fill: color }),
        s('text', { x: labelWidth + w + 6, y: y + 17, class: 'chart-value' }, formatNumber(value)));
    }));
  return h('figure', { class: 'chart' }, h('figcaption', {}, title), svg,
    dataTable(title, ['Value', 'Calls'], entries.map(([k, v]) => [labelFor(k), formatNumber(v)])));
}

/** Stacked columns of calls (successes) and errors over time from `series: [{ at, calls, errors }]`. */
export function timeChart(title, series) {
  const points = (series ?? []).map((p) => ({ at: p.at, calls: Number(p.calls ?? 0), errors: Number(p.errors ?? 0) }));
  if (!points.length || points.every((p) => p.calls === 0)) return empty(title);
  const width = 960;
  const height = 240;
  const left = 44;
  const bottom = 28;
  const top = 10;
  const plotW = width - left - 10;
  const plotH = height - bottom - top;
  const max = Math.max(1, ...points.map((p) => p.calls));
  const step = plotW / points.length;
  const barW = Math.max(1, step * 0.7);
  const ticks = max <= 4 ? Array.from({ length: max + 1 }, (_, i) => i) : [0, Math.round(max / 2), max];
  const times = points.map((p) => new Date(p.at).getTime()).filter(Number.isFinite);
  const spansDays = times.length > 1 && Math.max(...times) - Math.min(...times) > 36 * 3600 * 1000;
  // Short axis labels: hours for a day, dates for longer windows; the table has the full times.
  const axis = (at) => {
    const d = new Date(at);
    if (Number.isNaN(d.getTime())) return String(at);
    return spansDays ? d.toLocaleDateString(undefined, { month: 'short', day: 'numeric' }) : d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  };
  const label = (at) => {
    const d = new Date(at);
    return Number.isNaN(d.getTime()) ? String(at) : d.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  };
  const labelEvery = Math.ceil(points.length / 8);
  const total = points.reduce((a, p) => a + p.calls, 0);
  const errors = points.reduce((a, p) => a + p.errors, 0);
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `${title}: ${total} calls, ${errors} errors, ${points.length} intervals`, class: 'chart-svg' },
    s('title', {}, title),
    ticks.map((t) => {
      const y = top + plotH - (t / max) * plotH;
      return s('g', {},
        s('line', { x1: left, x2: width - 10, y1: y, y2: y, class: 'chart-grid' }),
        s('text', { x: left - 6, y: y + 4, 'text-anchor': 'end', class: 'chart-label' }, formatNumber(t)));
    }),
    points.map((p, i) => {
      const x = left + i * step + (step - barW) / 2;
      const okH = ((p.calls - p.errors) / max) * plotH;
      const errH = (Math.min(p.errors, p.calls) / max) * plotH;
      const base = top + plotH;
      return s('g', {},
        s('title', {}, `${label(p.at)}: ${p.calls} calls, ${p.errors} errors`),
        okH > 0 ? s('rect', { x, y: base - okH, width: barW, height: okH, fill: 'var(--accent)' }) : null,
        errH > 0 ? s('rect', { x, y: base - okH - errH, width: barW, height: errH, fill: 'var(--danger)' }) : null,
        i % labelEvery === 0 ? s('text', { x: x + barW / 2, y: height - 8, 'text-anchor': 'middle', class: 'chart-label' }, axis(p.at)) : null);
    }));
  const legend = h('p', { class: 'chart-legend' },
    h('span', { class: 'swatch ok', 'aria-hidden': 'true' }), 'Successful calls ',
    h('span', { class: 'swatch err', 'aria-hidden': 'true' }), 'Errors');
  return h('figure', { class: 'chart wide' }, h('figcaption', {}, title), svg, legend,
    dataTable(title, ['Interval start', 'Calls', 'Errors'], points.map((p) => [label(p.at), formatNumber(p.calls), formatNumber(p.errors)])));
}
