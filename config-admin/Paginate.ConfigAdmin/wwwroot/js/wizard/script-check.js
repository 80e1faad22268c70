// "Check script": a dry compile of the draft. Uses POST /api/runners/validate when the admin API
// offers it; otherwise a one-page test run, whose 400 answer carries the same compile errors.

import { h, replace, announce } from '../dom.js';
import { post } from '../api.js';
import { messageArea, showProblem, clearProblems } from '../problems.js';

const isConfigError = (key) => !/^(test_headers|test_query|max_pages)/i.test(key);

export function scriptCheck({ form, wizardRoot }) {
  const messages = messageArea();
  const ok = h('p', { class: 'notice success', role: 'status', hidden: true });
  const button = h('button', { type: 'button', class: 'button small secondary' }, 'Check script');
  button.addEventListener('click', async () => {
    ok.hidden = true;
    const { definition, errors } = form.read();
    if (Object.keys(errors).length) {
      showProblem(wizardRoot, messages, { message: 'Some fields need fixing first.', fieldErrors: errors });
      return;
    }
    button.disabled = true;
    try {
      try {
        await post('/api/runners/validate', definition);
      } catch (error) {
        if (error.status !== 404 && error.status !== 405) throw error;
        await post('/api/runners/test', { config: definition, test_headers: {}, test_query: {}, max_pages: 1 });
      }
      clearProblems(wizardRoot);
      replace(ok, 'The configuration and script compile without errors.');
      ok.hidden = false;
      announce(ok.textContent);
    } catch (error) {
      const configErrors = Object.keys(error.fieldErrors ?? {}).filter(isConfigError);
      if (error.status === 400 && configErrors.length) {
        showProblem(wizardRoot, messages, error);
      } else if (error.status === 401 || error.status === 0) {
        showProblem(wizardRoot, messages, error);
      } else {
        // The draft compiled; only the test call itself failed (credentials, placeholders, upstream).
        clearProblems(wizardRoot);
        replace(ok, 'No compile errors were reported. Run a test in step 3 to see the script at work.');
        ok.hidden = false;
        announce(ok.textContent);
      }
    } finally {
      button.disabled = false;
    }
  });
  return h('div', { class: 'script-check' }, h('div', { class: 'actions inline' }, button), messages, ok);
}

/** Puts the caret at a 1-based line and column of the script editor. */
function selectPosition(textarea, line, column) {
  const lines = textarea.value.split('\n');
  let offset = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i += 1) offset += lines[i].length + 1;
  offset = Math.min(textarea.value.length, offset + Math.max(0, column - 1));
  textarea.focus();
  textarea.setSelectionRange(offset, Math.min(textarea.value.length, offset + 1));
}

/**
 * Shows a test run's script error ("line L, column C: message") under the script editor, with a button that
 * puts the caret there; null removes it.
 */
export function showScriptError(form, text) {
  const field = form.el('pagination.script', 'script');
  if (!field) return;
  let box = field.querySelector('.script-run-error');
  if (!text) {
    box?.remove();
    return;
  }
  if (!box) {
    box = h('div', { class: 'script-run-error notice warning', role: 'alert' });
    field.append(box);
  }
  const textarea = field.querySelector('textarea');
  const position = /line (\d+), column (\d+)/.exec(text);
  replace(box,
    h('p', {}, h('strong', {}, 'Last test run: '), h('span', { class: 'mono' }, text)),
    position ? h('button', {
      type: 'button', class: 'button small secondary',
      onclick: () => selectPosition(textarea, Number(position[1]), Number(position[2])),
    }, `Go to line ${position[1]}, column ${position[2]}`) : null);
}
