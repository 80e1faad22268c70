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
