// Home: the overview numbers, the saved runners, and the way into the wizard.

import { h, replace, time, formatNumber, copyButton } from '../dom.js';
import { get } from '../api.js';
import { messageArea, showProblem } from '../problems.js';

function stat(label, value, id) {
  return h('div', { class: 'stat' }, h('span', { class: 'stat-label', id }, label), h('span', { class: 'stat-value', 'aria-labelledby': id, dataset: { stat: id } }, value));
}

export function renderHome(main, _route, ctx) {
  const stats = h('div', { class: 'stats', 'aria-label': 'Overview' },
    stat('Active runners', '…', 'active_runners'), stat('Total calls', '…', 'total_calls'), stat('Clay calls', '…', 'clay_calls'));
  const list = h('div', { class: 'runner-list', 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading saved runners...'));
  const errors = messageArea();
  const links = h('p', { class: 'muted small audit-links', hidden: true });
  replace(main,
    h('section', { class: 'hero' },
      h('div', {},
        h('h1', {}, 'API Pagination Runners'),
        h('p', { class: 'lead' }, 'Configure once, use everywhere. Runtime credentials stay in Clay.')),
      h('div', { class: 'hero-action' },
        h('a', { href: ctx.href('/runners/new'), 'data-link': true, class: 'button large' }, 'Create New Runner'),
        h('p', { class: 'help' }, 'Let AI help you configure from documentation.'))),
    stats,
    errors,
    h('section', { class: 'panel', 'aria-labelledby': 'runners-title' },
      h('h2', { id: 'runners-title' }, 'Saved runners'),
      list),
    h('p', { class: 'muted small' },
      'Paginate keeps runner configurations, token hashes, call metadata and usage notes in Redis. ',
      'Credentials, query values and response rows are never stored.'),
    links);
  ctx.focus();

  // The seed's audit links; each URL is deployment configuration (Admin__Links__*) and left out when unset.
  get('/api/ui/links').then((data) => {
    if (!ctx.isCurrent()) return;
    const parts = [['the GitHub repository', data?.open_source], ['pagination engine', data?.engine], ['security notes', data?.security_notes]]
      .filter(([, url]) => url)
      .map(([label, url]) => h('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, label));
    if (!parts.length) return;
    const joined = parts.flatMap((a, i) => (i === 0 ? [a] : [i === parts.length - 1 ? (parts.length > 2 ? ', or ' : ' or ') : ', ', a]));
    replace(links, 'This project is open source for auditability. Review ', ...joined, '.');
    links.hidden = false;
  }).catch(() => {
    // Links are a courtesy: an older admin API without them leaves the paragraph hidden.
  });

  const setStat = (key, value) => {
    const el = stats.querySelector(`[data-stat="${key}"]`);
    if (el) el.textContent = formatNumber(value);
  };

  get('/api/runners').then((data) => {
    if (!ctx.isCurrent()) return;
    const runners = [...(data?.runners ?? [])].sort((a, b) => String(b.created_at).localeCompare(String(a.created_at)));
    list.removeAttribute('aria-busy');
    if (!runners.length) {
      replace(list, h('p', {}, 'No runners yet. Create the first one to give Clay a single URL for a paginated API.'));
      return;
    }
    replace(list, h('table', { class: 'table' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Runner id'),
        h('th', { scope: 'col' }, 'Created'), h('th', { scope: 'col' }, 'Clay URL'), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
      h('tbody', {}, runners.map((r) => h('tr', {},
        h('th', { scope: 'row' }, h('a', { href: ctx.href(`/runners/${encodeURIComponent(r.id)}`), 'data-link': true }, r.name || r.id)),
        h('td', { class: 'mono' }, r.id),
        h('td', {}, time(r.created_at)),
        h('td', { class: 'mono truncate', title: r.runner_url }, r.runner_url),
        h('td', {}, h('div', { class: 'row-actions' },
          copyButton(r.runner_url ?? '', `Copy Clay URL of ${r.name || r.id}`),
          h('a', { href: ctx.href(`/runners/${encodeURIComponent(r.id)}/analytics`), 'data-link': true, class: 'button small secondary', 'aria-label': `Analytics of ${r.name || r.id}` }, 'Analytics'))))))));
  }).catch((error) => {
    if (!ctx.isCurrent()) return;
    list.removeAttribute('aria-busy');
    replace(list, h('p', { class: 'muted' }, 'The runner list could not be loaded.'));
    showProblem(main, errors, error);
  });

  get('/api/overview').then((data) => {
    if (!ctx.isCurrent()) return;
    setStat('active_runners', data?.active_runners);
    setStat('total_calls', data?.total_calls);
    setStat('clay_calls', data?.clay_calls);
  }).catch((error) => {
    if (!ctx.isCurrent()) return;
    ['active_runners', 'total_calls', 'clay_calls'].forEach((k) => {
      const el = stats.querySelector(`[data-stat="${k}"]`);
      if (el) el.textContent = '—';
    });
    if (error.status !== 404) showProblem(main, errors, error);
  });
}
