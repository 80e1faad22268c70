// Step 4: the whole configuration, then save. A saved runner is locked.

import { h, replace, copyField, announce } from '../dom.js';
import { post } from '../api.js';
import { messageArea, showProblem, clearProblems } from '../problems.js';

export function summaryList(def) {
  const p = def?.pagination ?? {};
  const limits = def?.limits ?? {};
  const rows = [
    ['Name', def?.name ?? '—'],
    ['Target endpoint', def?.request?.url ?? '—'],
    ['Method', def?.request?.method ?? 'GET'],
    ['Pagination', p.style ?? 'none'],
    ['Result path', def?.response?.items_path ? def.response.items_path : '(response body)'],
    ['Shape', def?.shape?.mode ?? 'full'],
    ['Max pages', String(limits.max_pages ?? 50)],
    ['Page size', String(p.page_size ?? p.limit ?? '—')],
    ['Forwarded headers', (def?.request?.forward_headers ?? []).join(', ') || 'none'],
    ['Static headers', Object.keys(def?.request?.static_headers ?? {}).join(', ') || 'none'],
  ];
  return h('dl', { class: 'summary' }, rows.map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', { class: k === 'Target endpoint' ? 'mono break' : undefined }, v))));
}

export function reviewStep({ form, wizardRoot, onGoTo, onSaved, href }) {
  const summary = h('div', {});
  const json = h('pre', { class: 'mono config-json', tabindex: 0, 'aria-label': 'Full configuration (JSON)' });
  const messages = messageArea();
  const saved = h('div', { hidden: true });
  const save = h('button', { type: 'button', class: 'button large' }, 'Save runner');

  function refresh() {
    const { definition } = form.read();
    replace(summary, summaryList(definition));
    json.textContent = JSON.stringify(definition, null, 2);
  }

  save.addEventListener('click', async () => {
    const { definition, errors } = form.read();
    if (Object.keys(errors).length) {
      showProblem(wizardRoot, messages, { message: 'Some fields need fixing before saving.', fieldErrors: errors }, { onGoTo });
      return;
    }
    save.disabled = true;
    try {
      const runner = await post('/api/runners', definition);
      clearProblems(wizardRoot);
      const link = h('a', { href: href(`/runners/${encodeURIComponent(runner.id)}`), 'data-link': true, class: 'button' }, 'Open the runner page');
      replace(saved,
        h('div', { class: 'notice locked', role: 'status' },
          h('p', {}, h('strong', {}, `Saved as ${runner.id}.`), ' This runner is locked. Create a new runner for changes.')),
        copyField('Clay URL', runner.runner_url ?? ''),
        h('div', { class: 'actions inline' }, link));
      saved.hidden = false;
      save.hidden = true;
      // Show what was stored: the saved configuration with every default filled in.
      if (runner.config) {
        replace(summary, summaryList(runner.config));
        json.textContent = JSON.stringify(runner.config, null, 2);
      }
      onSaved(runner);
      announce(`Runner saved as ${runner.id}. This runner is locked.`);
      link.focus();
    } catch (error) {
      save.disabled = false;
      showProblem(wizardRoot, messages, error, { onGoTo });
    }
  });

  const element = h('div', {},
    h('h2', {}, 'Save and connect'),
    h('p', {}, 'Review the tested configuration, then save. Saved runners are locked so live Clay tables keep a stable URL and behavior.'),
    summary,
    h('details', { class: 'config-details', open: true }, h('summary', {}, 'Full configuration'), json),
    h('p', { class: 'notice' }, 'Saving creates a stable URL. Saved runners cannot be edited or deleted.'),
    h('div', { class: 'actions inline' }, save),
    messages,
    saved);
  return { element, refresh };
}
