// The runner page: Clay URL and links, access (static IP vs token), token status and regeneration,
// the manual usage log and the saved configuration.

import { h, replace, time, copyField, uid, announce } from '../dom.js';
import { get, post } from '../api.js';
import { messageArea, showProblem, clearProblems } from '../problems.js';
import { openModal } from '../modal.js';
import { summaryList, absolute } from '../wizard/review.js';
import { placeholders, pagesField, readPages, resultView } from '../wizard/test-step.js';

/** The admin API's limit on one usage note (POST /usage-notes answers 400 beyond it). */
const NOTE_MAX_LENGTH = 500;

function panel(title, ...children) {
  const id = uid('panel');
  return h('section', { class: 'panel', 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}

export function renderRunner(main, { params }, ctx) {
  const [id] = params;
  const path = `/api/runners/${encodeURIComponent(id)}`;
  const loadMessages = messageArea();
  replace(main, h('div', { class: 'page-head' }, h('h1', {}, 'Runner details'), h('p', { class: 'muted' }, 'Loading runner details...')), loadMessages);
  ctx.focus();

  get(path).then((runner) => {
    if (!ctx.isCurrent()) return;
    draw(main, runner, ctx, path);
  }).catch((error) => {
    if (!ctx.isCurrent()) return;
    const head = main.querySelector('.page-head p');
    if (head) head.textContent = error.status === 404 ? `There is no runner ${id}.` : 'The runner could not be loaded.';
    showProblem(main, loadMessages, error);
  });
}

function draw(main, runner, ctx, path) {
  const config = runner.config ?? {};
  const names = placeholders(config);
  const example = names.length ? `${runner.runner_url}?${names.map((n) => `${n}=...`).join('&')}` : null;
  const tokenStatus = h('div', { class: 'token-status', 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Loading token status...'));
  const regenerate = h('button', { type: 'button', class: 'button danger-outline' }, 'Regenerate token…');
  const tokenMessages = messageArea();
  const testPanel = testRunner(path, config);

  replace(main,
    h('div', { class: 'page-head split' },
      h('div', {},
        h('h1', {}, config.name || runner.id),
        h('p', { class: 'muted' }, h('span', { class: 'mono' }, runner.id), ' · created ', time(runner.created_at), ' · ', h('span', { class: 'pill' }, 'Locked')),
        config.description ? h('p', {}, config.description) : null),
      h('div', { class: 'actions inline' },
        h('a', { href: '#test-runner', class: 'button secondary', onclick: (e) => { e.preventDefault(); testPanel.querySelector('h2').focus(); testPanel.scrollIntoView(); } }, 'Test this runner'),
        h('a', { href: ctx.href(`/runners/${encodeURIComponent(runner.id)}/analytics`), 'data-link': true, class: 'button secondary' }, 'View analytics'),
        h('a', { href: ctx.href(`/runners/new?from=${encodeURIComponent(runner.id)}`), 'data-link': true, class: 'button' }, 'Create a new runner from this one'))),

    panel('Clay URL',
      copyField('Generated Runner URL', runner.runner_url ?? '', 'Clay calls this URL (GET or POST). Credentials are sent as headers from Clay at run time.'),
      example ? h('p', { class: 'help spaced' }, 'Pass placeholder values on the query string: ', h('code', { class: 'break' }, example)) : null,
      copyField('Runner management link', absolute(runner.management_url), 'Use this URL to open this saved runner directly.'),
      copyField('Analytics deep link', absolute(runner.analytics_url), 'Use this URL when sharing call-volume and status-code analytics.')),

    panel('Runner Access',
      h('div', { class: 'grid two' },
        h('div', { class: 'access-card' },
          h('h3', {}, 'Static IP path'),
          h('p', {}, 'If this runner is being called from a Clay surface where static IP egress is enabled and the request comes through the allowed Clay static IPs, no runner token is needed.')),
        h('div', { class: 'access-card' },
          h('h3', {}, 'Signals and non-static-IP surfaces'),
          h('p', {}, 'If the Clay surface does not support static IP egress, such as Signals, use a runner token. The token is emailed only to an allowed address (by default @clay.com) and is sent as ', h('code', {}, 'x-clay-paginate-token'), '.'))),
      h('h3', {}, 'Token status'),
      h('p', { class: 'help' }, 'If a token is compromised or needs to be rotated, review the regeneration warnings first. The destructive action only appears inside the confirmation modal.'),
      tokenStatus,
      h('div', { class: 'actions inline' }, regenerate),
      tokenMessages),

    testPanel,

    usageLog(path),

    panel('Configuration Details',
      summaryList(config),
      h('details', { class: 'config-details' }, h('summary', {}, 'Full configuration (JSON)'),
        h('pre', { class: 'mono config-json', tabindex: 0 }, JSON.stringify(config, null, 2))),
      h('p', { class: 'notice' }, 'Saved runners are immutable. Create a new runner for changes.')));
  ctx.focus();

  const loadToken = () => get(`${path}/token`).then((t) => {
    if (!ctx.isCurrent()) return;
    replace(tokenStatus, t?.active
      ? h('dl', { class: 'meta-list' },
        h('div', {}, h('dt', {}, 'Status'), h('dd', { dataset: { meta: 'token_status' } }, 'Active')),
        h('div', {}, h('dt', {}, 'Issued'), h('dd', {}, time(t.issued_at))),
        h('div', {}, h('dt', {}, 'Sent to'), h('dd', { class: 'mono' }, t.recipient ?? '—')),
        h('div', {}, h('dt', {}, 'Rotations'), h('dd', {}, String(t.rotations ?? 0))))
      : h('p', { dataset: { meta: 'token_status' } }, 'No token has been issued. Callers need a static IP in the allowlist.'));
    regenerate.textContent = t?.active ? 'Regenerate token…' : 'Issue token…';
    regenerate.className = t?.active ? 'button danger-outline' : 'button secondary';
    regenerate.dataset.active = t?.active ? 'true' : 'false';
  }).catch((error) => {
    if (ctx.isCurrent()) {
      replace(tokenStatus, h('p', { class: 'muted' }, 'Token status is unavailable.'));
      showProblem(tokenStatus.parentElement, tokenMessages, error);
    }
  });
  loadToken();

  regenerate.addEventListener('click', () => tokenModal({
    path, active: regenerate.dataset.active === 'true',
    onSent: (answer) => {
      clearProblems(tokenMessages.parentElement);
      replace(tokenMessages, h('p', { class: 'success-text' }, `A new token was emailed to ${answer?.recipient ?? 'the recipient'}.`));
      tokenMessages.hidden = false;
      loadToken();
    },
  }));
}


/** "Test this runner": a dry run of the saved runner with test values that live only in this page. */
function testRunner(path, config) {
  const values = h('div', { class: 'grid two' });
  const inputs = [];
  const add = (kind, name) => {
    const id = uid(kind);
    const input = h('input', {
      id, type: kind === 'header' ? 'password' : 'text', autocomplete: 'off', spellcheck: 'false', class: 'mono',
      dataset: { field: kind === 'header' ? `test_headers.${name}` : `test_query.${name}` },
    });
    inputs.push({ kind, name, input });
    values.append(h('div', { class: 'field' }, h('label', { for: id }, kind === 'header' ? `${name} header value` : `{{${name}}} value`), input));
  };
  (config.request?.forward_headers ?? []).forEach((name) => add('header', name));
  placeholders(config).forEach((name) => add('query', name));
  const pages = pagesField();
  const messages = messageArea();
  const results = h('div', { class: 'results', 'aria-live': 'polite' });
  const run = h('button', { type: 'submit', class: 'button' }, 'Run test');
  const form = h('form', { class: 'test-runner', novalidate: true },
    h('p', { class: 'help' }, 'Runs the saved runner once with test values. The values and the returned rows are not saved; only a test call record (counts and status) is kept for analytics.'),
    inputs.length ? values : h('p', { class: 'muted' }, 'This runner needs no header or placeholder values.'),
    pages.element,
    h('div', { class: 'actions inline' }, run),
    messages);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const cap = readPages(pages.input);
    if (cap.error) {
      showProblem(form, messages, { message: 'Some fields need fixing before the test can run.', fieldErrors: { max_pages: [cap.error] } });
      return;
    }
    const body = { test_headers: {}, test_query: {} };
    inputs.filter((i) => i.input.value).forEach((i) => { (i.kind === 'header' ? body.test_headers : body.test_query)[i.name] = i.input.value; });
    if (cap.value !== undefined) body.max_pages = cap.value;
    run.disabled = true;
    replace(results, h('p', { class: 'muted' }, 'Working...'));
    try {
      const answer = await post(`${path}/test`, body);
      clearProblems(form);
      replace(results, resultView(answer));
      announce(`Test finished: ${answer?.meta?.items ?? 0} rows from ${answer?.meta?.pages ?? 0} pages.`);
    } catch (error) {
      replace(results);
      showProblem(form, messages, error);
    } finally {
      run.disabled = false;
    }
  });
  const element = panel('Test this runner', form, results);
  element.id = 'test-runner';
  element.querySelector('h2').setAttribute('tabindex', '-1');
  return element;
}

function tokenModal({ path, active, onSent }) {
  openModal({
    title: active ? 'Regenerate runner token' : 'Issue runner token',
    initialFocus: 'input',
    build: (close) => {
      const emailId = uid('email');
      const email = h('input', { id: emailId, type: 'email', name: 'email', autocomplete: 'email', required: true, 'data-field': 'email', placeholder: 'ops@clay.com' });
      const messages = messageArea();
      const confirm = h('button', { type: 'submit', class: 'button danger' }, active ? 'Regenerate and email token' : 'Issue and email token');
      const form = h('form', { novalidate: true },
        active ? h('div', { class: 'notice warning' },
          h('p', {}, h('strong', {}, 'Regenerating replaces the current token.')),
          h('ul', {},
            h('li', {}, 'The old token stops working at once on every gateway.'),
            h('li', {}, 'Clay tables and Signals that send the old token fail with 401 until they are updated with the new one.'),
            h('li', {}, 'Check the Workspace Usage Log on this page to find every table that uses this runner before you continue.'))) : null,
        h('p', {}, 'The new token is sent only by email to an allowed address. It is never shown here, stored in plain text, or logged.'),
        h('div', { class: 'field' }, h('label', { for: emailId }, 'Recipient email'), email),
        messages,
        h('div', { class: 'actions inline end' },
          h('button', { type: 'button', class: 'button secondary', onclick: () => close() }, 'Cancel'),
          confirm));
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        confirm.disabled = true;
        try {
          const answer = await post(`${path}/token`, { email: email.value.trim() });
          close();
          announce(`Token sent to ${answer?.recipient ?? 'the recipient'}.`);
          onSent(answer);
        } catch (error) {
          showProblem(form, messages, error, { list: false });
          confirm.disabled = false;
          email.focus();
        }
      });
      return form;
    },
  });
}

function usageLog(path) {
  const list = h('div', { class: 'notes', 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Loading notes...'));
  const noteId = uid('note');
  const note = h('textarea', { id: noteId, rows: 2, 'data-field': 'note', maxlength: NOTE_MAX_LENGTH, placeholder: 'e.g. Used by the RevOps enrichment table "Accounts" since March.' });
  const messages = messageArea();
  const add = h('button', { type: 'submit', class: 'button' }, 'Add note');
  const form = h('form', { class: 'note-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: noteId }, 'New usage note'), note,
      h('p', { class: 'help' }, `At most ${NOTE_MAX_LENGTH} characters. Do not write tokens, keys or passwords here: a note that looks like a credential is refused.`)),
    h('div', { class: 'actions inline' }, add),
    messages);

  const load = () => get(`${path}/usage-notes`).then((data) => {
    const notes = [...(data?.notes ?? [])].sort((a, b) => String(b.created_at).localeCompare(String(a.created_at)));
    replace(list, notes.length
      ? h('ul', { class: 'note-list' }, notes.map((n) => h('li', {}, h('p', {}, n.note), h('p', { class: 'muted small' }, time(n.created_at)))))
      : h('p', { class: 'muted' }, 'No usage notes yet.'));
  }).catch((error) => {
    replace(list, h('p', { class: 'muted' }, 'Notes could not be loaded.'));
    showProblem(form, messages, error);
  });
  load();

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = note.value.trim();
    if (!text) {
      showProblem(form, messages, { message: 'Write a note first.', fieldErrors: { note: ['The note is empty.'] } });
      return;
    }
    add.disabled = true;
    try {
      await post(`${path}/usage-notes`, { note: text });
      clearProblems(form);
      note.value = '';
      announce('Note added.');
      await load();
    } catch (error) {
      showProblem(form, messages, error, { list: false });
      note.focus();
    } finally {
      add.disabled = false;
    }
  });

  return panel('Workspace Usage Log',
    h('h3', {}, 'Manual usage notes'),
    h('p', { class: 'help' }, 'Record where this runner is used before handing it to Clay teams. This is admin-only notation for future token rotations; it is never filled from runtime calls and should not contain credentials.'),
    form, list);
}
