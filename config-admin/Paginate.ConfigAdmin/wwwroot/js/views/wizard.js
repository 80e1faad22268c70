// The create-runner wizard: 1 AI setup, 2 Configure, 3 Test, 4 Review & Save. The draft definition is kept in
// this tab's session storage (never test values); saving publishes it and locks the wizard. `?from=<id>`
// starts from a saved runner. Defaults and bounds come from the runner schema.

import { h, replace, announce } from '../dom.js';
import { get } from '../api.js';
import { ConfigForm } from '../wizard/form.js';
import { STYLES } from '../wizard/fields.js';
import { aiHelperStep } from '../wizard/ai-helper.js';
import { testStep } from '../wizard/test-step.js';
import { reviewStep } from '../wizard/review.js';
import { scriptCheck } from '../wizard/script-check.js';
import { messageArea, showProblem } from '../problems.js';
import { loadSchema, applySchema } from '../wizard/schema.js';
import { pasteRequest } from '../wizard/paste-request.js';
import { loadDraft, saveDraft, clearDraft } from '../wizard/draft.js';

const STEP_NAMES = ['AI Setup', 'Configure', 'Test', 'Review & Save'];

function section(number, title, intro, ...children) {
  const id = `section-${number}`;
  return h('section', { class: 'config-section', 'aria-labelledby': id },
    h('div', { class: 'section-head' }, h('span', { class: 'badge', 'aria-hidden': 'true' }, String(number)), h('h3', { id }, title)),
    intro ? h('p', { class: 'section-intro' }, intro) : null,
    ...children);
}

function configureStep(form, wizardRoot) {
  const f = (path, style) => form.el(path, style);
  const styleSections = STYLES.map((s) => {
    const fields = [...form.controls.values()].filter((c) => c.field.style === s.value).map((c) => c.element);
    const extra = s.value === 'script' ? scriptCheck({ form, wizardRoot }) : null;
    return h('div', { class: 'style-section', dataset: { styleSection: s.value } },
      fields.length ? h('div', { class: s.value === 'script' ? '' : 'grid two' }, fields) : h('p', { class: 'muted' },
        s.value === 'none' ? 'One request, no further pages.' : 'No settings: the next page comes from the Link header\u2019s rel="next" URL.'),
      extra);
  });
  return h('div', {},
    h('h2', {}, 'Configure'),
    h('div', { class: 'grid two' }, f('name'), f('description')),
    section(1, 'Endpoint', null,
      h('div', { class: 'grid endpoint' }, f('request.method'), f('request.url')),
      f('request.body')),
    section(2, 'Pagination', 'Choose the pagination style from the API docs. Max pages is a safety cap, not the number of pages to fetch; the runner stops automatically when the API has no next page.',
      f('pagination.style'), styleSections),
    section(3, 'Response shaping', 'Return the full item by default, flatten JSON:API attributes for easier Clay columns, or select only the fields Clay needs.',
      f('response.items_path'), f('shape.mode'), f('shape.fields')),
    section(4, 'Safety and rate controls', 'These controls prevent runaway loops and help with rate-limited APIs. The defaults stop on empty pages and repeated next links while still allowing full pagination.',
      h('div', { class: 'grid three' },
        ['limits.max_pages', 'limits.max_items', 'limits.max_concurrency', 'limits.page_delay_ms', 'limits.max_retries',
          'limits.retry_delay_ms', 'limits.page_timeout_ms', 'limits.total_timeout_ms'].map((p) => f(p))),
      h('div', { class: 'grid two' }, f('limits.stop_on_empty_page'), f('limits.stop_on_repeated_next'), f('limits.stop_on_repeated_page')),
      // Fleet controls: drawn only when the engine's schema has them.
      h('div', { class: 'grid three' },
        ['limits.rate_limit.requests_per_second', 'limits.rate_limit.burst', 'limits.rate_limit.scope', 'cache.ttl_seconds'].map((p) => f(p)))),
    section(5, 'Headers', 'List only the header names Clay should forward at run time. Header values come from Clay at run time. They are never stored.',
      h('div', { class: 'grid two' }, f('request.forward_headers'), f('request.static_headers'))));
}

export function renderWizard(main, route, ctx) {
  const messages = messageArea();
  replace(main, h('div', { class: 'page-head' }, h('h1', {}, 'Create New Runner'), h('p', { class: 'muted' }, 'Loading…')), messages);
  loadSchema().then((schema) => {
    if (!ctx.isCurrent()) return;
    applySchema(schema);
    drawWizard(main, route, ctx);
  }).catch((error) => {
    if (ctx.isCurrent()) showProblem(main, messages, error);
  });
}

function drawWizard(main, { query }, ctx) {
  const form = new ConfigForm();
  const root = h('div', { class: 'wizard' });
  const stepButtons = [];
  const panels = [];
  let current = 1;
  let locked = false;

  function goTo(step, { focus = true } = {}) {
    current = step;
    panels.forEach((p, i) => { p.hidden = i + 1 !== step; p.classList.toggle('active', i + 1 === step); });
    stepButtons.forEach((b, i) => {
      if (i + 1 === step) b.setAttribute('aria-current', 'step'); else b.removeAttribute('aria-current');
    });
    if (step === 3) test.refresh();
    if (step === 4) review.refresh();
    if (focus) panels[step - 1].querySelector('h2')?.focus();
    markErrors();
  }

  /** Opens the step holding a control with an error and focuses it. */
  function onGoTo(control) {
    const panel = control.closest('.step-panel');
    const index = panels.indexOf(panel);
    if (index >= 0 && index + 1 !== current) goTo(index + 1, { focus: false });
    control.focus();
  }

  function markErrors() {
    panels.forEach((p, i) => {
      const has = !!p.querySelector('.field-error');
      if (stepButtons[i].classList.contains('has-error') === has) return;
      stepButtons[i].classList.toggle('has-error', has);
      stepButtons[i].querySelector('.visually-hidden').textContent = has ? ' (has errors)' : '';
    });
  }

  const ai = h('div', { class: 'stack' }, pasteRequest({ form, wizardRoot: root, goTo }), aiHelperStep({ form, wizardRoot: root, goTo }));
  const configure = configureStep(form, root);
  const test = testStep({ form, wizardRoot: root, goTo, onGoTo });
  const banner = h('div', { class: 'notice locked', role: 'status', hidden: true });
  const review = reviewStep({
    form, wizardRoot: root, onGoTo, href: ctx.href,
    onSaved: (runner) => {
      locked = true;
      clearDraft();
      form.lock();
      panels.slice(0, 3).forEach((p) => p.querySelectorAll('button, input, textarea, select').forEach((el) => { el.disabled = true; }));
      replace(banner, h('p', {}, 'This runner is locked. Create a new runner for changes. ',
        h('a', { href: ctx.href(`/runners/${encodeURIComponent(runner.id)}`), 'data-link': true }, `Open runner ${runner.id}`), ' · ',
        h('a', { href: ctx.href(`/runners/new?from=${encodeURIComponent(runner.id)}`), 'data-link': true }, 'Create a new runner from this one')));
      banner.hidden = false;
    },
  });

  const contents = [ai, configure, test.element, review.element];
  contents.forEach((content, i) => {
    const panel = h('section', { class: 'step-panel panel', 'aria-label': `Step ${i + 1}: ${STEP_NAMES[i]}`, hidden: i !== 0 },
      content,
      h('div', { class: 'step-nav' },
        i > 0 ? h('button', { type: 'button', class: 'button secondary', onclick: () => goTo(i) }, `Back: ${STEP_NAMES[i - 1]}`) : h('span'),
        i < 3 ? h('button', { type: 'button', class: 'button', onclick: () => goTo(i + 2) }, `Next: ${STEP_NAMES[i + 1]}`) : null));
    panel.querySelector('h2')?.setAttribute('tabindex', '-1');
    panels.push(panel);
  });

  const stepNav = h('nav', { class: 'steps', 'aria-label': 'Wizard steps' },
    h('ol', {}, STEP_NAMES.map((name, i) => {
      const button = h('button', { type: 'button', class: 'step', onclick: () => goTo(i + 1) },
        h('span', { class: 'step-number', 'aria-hidden': 'true' }, String(i + 1)), h('span', {}, name),
        h('span', { class: 'visually-hidden' }, ''));
      stepButtons.push(button);
      return h('li', {}, button);
    })));

  const loadMessages = messageArea();
  const fromNote = h('p', { class: 'notice', hidden: true });
  replace(root, stepNav, banner, fromNote, loadMessages, ...panels);
  replace(main,
    h('div', { class: 'page-head' },
      h('h1', {}, 'Create New Runner'),
      h('p', { class: 'lead' }, 'Let AI help you configure from documentation, or fill the fields yourself. Nothing is saved until step 4.')),
    root);
  form.attach(panels[1]);
  // Errors are drawn by several steps; the step buttons follow them.
  const observer = new MutationObserver(markErrors);
  panels.forEach((p) => observer.observe(p, { childList: true, subtree: true }));
  goTo(1, { focus: false });
  ctx.focus();

  const from = query.get('from');
  const draft = from ? null : loadDraft();
  if (draft) {
    form.fill(draft, { mode: 'replace' });
    replace(fromNote, 'Restored the draft from this browser tab. Test credentials are never kept; enter them again in step 3. ',
      h('button', {
        type: 'button', class: 'link-button',
        onclick: () => { clearDraft(); announce('Draft discarded.'); ctx.navigate('/runners/new', { replace: true }); },
      }, 'Discard the draft'));
    fromNote.hidden = false;
  }
  // Keep the draft on every change; form.read() holds the definition only, never test values.
  let pending = 0;
  const keep = () => {
    if (locked) return;
    clearTimeout(pending);
    pending = setTimeout(() => { if (!locked) saveDraft(form.read().definition); }, 200);
  };
  root.addEventListener('input', keep);
  root.addEventListener('config-change', keep);
  if (from) {
    get(`/api/runners/${encodeURIComponent(from)}`).then((runner) => {
      if (!ctx.isCurrent() || locked) return;
      const config = { ...(runner?.config ?? {}) };
      config.name = `${config.name ?? runner.id} (copy)`;
      form.fill(config, { mode: 'replace' });
      replace(fromNote, `Prefilled from runner ${runner.id}. Saving creates a new runner; ${runner.id} stays unchanged.`);
      fromNote.hidden = false;
      goTo(2, { focus: false });
      announce(fromNote.textContent);
    }).catch((error) => {
      if (ctx.isCurrent()) showProblem(root, loadMessages, error);
    });
  }
}
