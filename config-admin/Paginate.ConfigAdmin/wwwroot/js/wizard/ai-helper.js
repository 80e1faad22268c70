// Step 1: the AI setup helper. Builds a prompt from the runner JSON Schema and the pasted API docs,
// and applies the JSON object the AI returns to the form.

import { h, uid, copyButton, announce, replace } from '../dom.js';
import { messageArea, showProblem, clearProblems } from '../problems.js';
import { splitDefinition } from './fields.js';
import { loadSchema } from './schema.js';

export function buildPrompt(schema, docs) {
  return [
    'You are helping configure a Paginate runner. Paginate calls one HTTP API endpoint, follows its pagination until the last page, and returns all items to Clay as one JSON answer.',
    '',
    'Read the API documentation at the end and reply with ONE JSON object only (no explanation, no code fence) that follows the JSON Schema below.',
    '',
    'Rules:',
    '- Include only the fields the documentation supports; leave out everything else (defaults apply).',
    '- request.url: the full https URL of the list endpoint. A value that changes per Clay row, or a credential the API wants in the URL, becomes a placeholder such as {{email}} or {{key}}.',
    '- Never include credential values. If the API needs a credential header, list only its NAME in request.forward_headers (for example "Authorization"); Clay sends the value at run time.',
    '- request.static_headers only for non-secret headers such as an API version.',
    '- pagination.style is one of none, page_number, offset, cursor, next_link, link_header, script; include only the keys of that style.',
    '- Parameter placements are objects: { "in": "query" | "body" | "header", "name": "..." } (for body, name is a JSON Pointer like /variables/after).',
    '- Paths use dot notation (data.items, meta.next_cursor, data[-1].id) or a JSON Pointer starting with /. "$last_item.id" reads the id of the last item of the page.',
    '- response.items_path is where the array of items is in each page ("" when the body itself is the array).',
    '- limits.max_pages is a safety cap, not the number of pages to fetch.',
    '',
    'JSON Schema of the answer:',
    JSON.stringify(schema, null, 2),
    '',
    'API documentation:',
    docs.trim() || '(none pasted: ask me for the documentation)',
  ].join('\n');
}

/** Pulls the JSON object out of an AI answer, tolerating a ```json fence or a sentence around it. */
export function extractJson(text) {
  let body = text.trim();
  const fence = /```(?:json)?\s*([\s\S]*?)```/i.exec(body);
  if (fence) body = fence[1].trim();
  if (!body.startsWith('{')) {
    const start = body.indexOf('{');
    const end = body.lastIndexOf('}');
    if (start >= 0 && end > start) body = body.slice(start, end + 1);
  }
  return JSON.parse(body);
}

function countValues(value) {
  if (value === null || value === undefined) return 0;
  if (Array.isArray(value)) return 1;
  if (typeof value === 'object') return Object.values(value).reduce((n, v) => n + countValues(v), 0);
  return 1;
}

export function aiHelperStep({ form, wizardRoot, goTo }) {
  const docsId = uid('docs');
  const promptId = uid('prompt');
  const answerId = uid('answer');
  const docs = h('textarea', { id: docsId, rows: 8, 'data-field': 'api_docs', placeholder: 'Paste the endpoint documentation: URL, parameters, an example response, how paging works.' });
  const prompt = h('textarea', { id: promptId, rows: 10, readonly: true, class: 'mono small', 'data-field': 'prompt' });
  const promptBox = h('div', { class: 'field', hidden: true },
    h('label', { for: promptId }, 'Prompt to copy into Claude, ChatGPT, or another AI'),
    prompt,
    h('div', { class: 'actions inline' }, copyButton('', 'Copy prompt')));
  const answer = h('textarea', { id: answerId, rows: 10, class: 'mono', spellcheck: 'false', 'data-field': 'ai_json', placeholder: '{ "name": "...", "request": { "url": "https://..." }, "pagination": { "style": "cursor", ... } }' });
  const generateMessages = messageArea();
  const applyMessages = messageArea();
  const applied = h('div', { class: 'notice success', role: 'status', hidden: true });

  const generate = h('button', { type: 'button', class: 'button secondary' }, 'Generate prompt');
  generate.addEventListener('click', async () => {
    generate.disabled = true;
    try {
      prompt.value = buildPrompt(await loadSchema(), docs.value);
      promptBox.hidden = false;
      // The copy button copies whatever the prompt box holds now.
      const oldCopy = promptBox.querySelector('.actions button');
      const newCopy = copyButton(prompt.value, 'Copy prompt');
      oldCopy.replaceWith(newCopy);
      clearProblems(generateMessages.parentElement);
      announce('Prompt generated. Copy it into an AI, then paste the JSON answer below.');
      prompt.focus();
      prompt.setSelectionRange(0, 0);
      prompt.scrollTop = 0;
    } catch (error) {
      showProblem(generateMessages.parentElement, generateMessages, error);
    } finally {
      generate.disabled = false;
    }
  });

  const apply = h('button', { type: 'button', class: 'button' }, 'Apply to form');
  apply.addEventListener('click', () => {
    applied.hidden = true;
    let def;
    try {
      def = extractJson(answer.value);
    } catch (e) {
      showProblem(wizardRoot, applyMessages, {
        message: 'The answer is not valid JSON. Paste the JSON object the AI returned.',
        fieldErrors: { ai_json: [`Invalid JSON: ${e.message}`] },
      });
      return;
    }
    // Apply what fits; an unknown key or a wrong type costs only that key, never the whole answer.
    const { clean, ignored } = splitDefinition(def);
    const count = countValues(clean);
    if (count === 0) {
      showProblem(wizardRoot, applyMessages, {
        message: 'Nothing in the answer fits the form. Nothing was applied.',
        fieldErrors: { ai_json: ignored.length ? ignored : ['The answer holds no runner fields.'] },
      });
      return;
    }
    clearProblems(wizardRoot);
    form.fill(clean, { mode: 'ai' });
    replace(applied,
      h('p', {}, `Filled ${count} value${count === 1 ? '' : 's'} from the AI answer and cleared the untouched defaults it did not provide.`),
      ignored.length ? h('div', { class: 'ignored' },
        h('p', {}, h('strong', {}, `Ignored ${ignored.length} part${ignored.length === 1 ? '' : 's'} of the answer:`)),
        h('ul', { class: 'ignored-list' }, ignored.map((m) => h('li', {}, m)))) : null,
      h('button', { type: 'button', class: 'button', onclick: () => goTo(2) }, 'Continue to Configure'));
    applied.hidden = false;
    announce(applied.textContent);
  });

  return h('div', {},
    h('div', { class: 'section-head' },
      h('span', { class: 'badge', 'aria-hidden': 'true' }, 'AI'),
      h('h2', {}, 'AI setup helper')),
    h('p', {}, 'Use this when you have API docs but do not know which fields to enter. Generate a prompt, send it to Claude, ChatGPT, or another AI, then paste the returned JSON object back here. The app fills the values the AI provided and clears untouched defaults it did not provide.'),
    h('div', { class: 'field' },
      h('label', { for: docsId }, 'API documentation'),
      docs,
      h('p', { class: 'help' }, 'Do not paste real credentials. The documentation only goes into the prompt text; it is not sent anywhere.')),
    h('div', { class: 'actions inline' }, generate),
    generateMessages,
    promptBox,
    h('div', { class: 'field' },
      h('label', { for: answerId }, 'JSON returned by the AI'),
      answer),
    h('div', { class: 'actions inline' }, apply,
      h('button', { type: 'button', class: 'button secondary', onclick: () => goTo(2) }, 'Skip: configure by hand')),
    applyMessages,
    applied);
}
