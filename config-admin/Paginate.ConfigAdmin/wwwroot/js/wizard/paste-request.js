// Step 1, "Start from a request": a pasted curl command or HAR entry fills method, URL, headers and body.
// Parsing happens here in the browser; credential values are dropped before anything else sees them.

import { h, uid, replace, announce } from '../dom.js';
import { messageArea, showProblem, clearProblems } from '../problems.js';
import { parseRequest } from './request-parse.js';

export function pasteRequest({ form, wizardRoot, goTo }) {
  const id = uid('paste');
  const text = h('textarea', {
    id, rows: 5, class: 'mono small', spellcheck: 'false', autocomplete: 'off', 'data-field': 'pasted_request',
    placeholder: "curl 'https://api.example.com/v1/items?limit=100' -H 'Authorization: Bearer …'",
  });
  const messages = messageArea();
  const done = h('div', { class: 'notice success', role: 'status', hidden: true });
  const fill = h('button', { type: 'button', class: 'button secondary' }, 'Fill from request');
  fill.addEventListener('click', () => {
    done.hidden = true;
    const parsed = parseRequest(text.value);
    if (!parsed) {
      showProblem(wizardRoot, messages, {
        message: 'This is not a curl command or a HAR entry this page can read.',
        fieldErrors: { pasted_request: ['Paste a command that starts with curl and holds the URL, or a HAR file or entry (JSON).'] },
      });
      return;
    }
    // The pasted text may hold credentials: it goes at once, only names and placeholders are kept.
    text.value = '';
    clearProblems(wizardRoot);
    form.fill(parsed.definition, { mode: 'replace', scope: ['request'] });
    const lines = [`Filled ${parsed.definition.request.method} ${parsed.definition.request.url}.`];
    if (parsed.forwarded.length) lines.push(`Forwarded headers (values dropped, Clay sends them at run time): ${parsed.forwarded.join(', ')}.`);
    if (parsed.placeholders.length) lines.push(`Key-like values became placeholders: ${parsed.placeholders.map((p) => `{{${p}}}`).join(', ')}.`);
    if (parsed.staticHeaders.length) lines.push(`Static headers: ${parsed.staticHeaders.join(', ')}.`);
    if (parsed.method !== parsed.definition.request.method) lines.push(`Method ${parsed.method} is not supported; GET is used.`);
    replace(done,
      lines.map((line) => h('p', {}, line)),
      h('p', {}, 'Next: enter test values for the credentials in step 3 and let the page detect the pagination.'),
      h('div', { class: 'actions inline' },
        h('button', {
          type: 'button', class: 'button',
          onclick: () => { goTo(3); wizardRoot.querySelector('.step-panel.active .test-inputs input')?.focus(); },
        }, 'Test and detect pagination'),
        h('button', { type: 'button', class: 'button secondary', onclick: () => goTo(2) }, 'Review in Configure')));
    done.hidden = false;
    announce(lines.join(' '));
  });

  return h('div', { class: 'paste-request' },
    h('div', { class: 'section-head' }, h('span', { class: 'badge', 'aria-hidden': 'true' }, '>'), h('h2', {}, 'Start from a request')),
    h('p', {}, 'Paste a curl command (as copied from API docs or a browser\u2019s \u201cCopy as cURL\u201d) or a HAR entry. The page fills method, URL, headers and body. Credential headers become forwarded header names and their values are dropped here, in the browser; key-like query values become {{placeholders}}.'),
    h('div', { class: 'field' }, h('label', { for: id }, 'curl command or HAR entry'), text,
      h('p', { class: 'help' }, 'Read in this page only: nothing of the pasted text is sent or stored.')),
    h('div', { class: 'actions inline' }, fill),
    messages,
    done);
}
