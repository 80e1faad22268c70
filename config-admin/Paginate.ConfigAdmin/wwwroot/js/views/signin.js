// Admin key entry. The key lives in sessionStorage only: it is gone when the tab closes.

import { h, replace, uid } from '../dom.js';
import { setAdminKey } from '../api.js';

export function renderSignIn(main, { message, onSignedIn }) {
  const inputId = uid('admin-key');
  const helpId = uid('help');
  const errorId = uid('err');
  const input = h('input', {
    id: inputId, name: 'admin_key', type: 'password', required: true, autocomplete: 'off', spellcheck: 'false',
    'aria-describedby': message ? `${helpId} ${errorId}` : helpId, 'aria-invalid': message ? 'true' : undefined,
    'data-field': 'admin_key',
  });
  const form = h('form', { class: 'panel narrow', 'aria-labelledby': 'signin-title' },
    h('h1', { id: 'signin-title' }, 'Sign in to Paginate'),
    h('p', {}, 'Paginate manages API pagination runners for Clay. Enter an admin key to continue.'),
    message ? h('p', { id: errorId, class: 'notice error', role: 'alert' }, message) : null,
    h('div', { class: 'field' },
      h('label', { for: inputId }, 'Admin key'),
      input,
      h('p', { id: helpId, class: 'help' }, 'Kept only in this browser tab (session storage) and sent as a bearer token to the admin API.')),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button' }, 'Continue')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const key = input.value.trim();
    if (!key) {
      input.focus();
      return;
    }
    setAdminKey(key);
    onSignedIn();
  });
  replace(main, form);
  input.focus();
}
