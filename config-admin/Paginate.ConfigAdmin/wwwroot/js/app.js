// Entry point: admin-key gate and client-side routes. Real paths (/runners/{id}) are used when the
// server falls back to index.html for them; `/#/runners/{id}` works on any static server.

import { adminKey, setAdminKey } from './api.js';
import { focusHeading } from './dom.js';
import { renderSignIn } from './views/signin.js';
import { renderHome } from './views/home.js';
import { renderWizard } from './views/wizard.js';
import { renderRunner } from './views/runner.js';
import { renderAnalytics } from './views/analytics.js';
import { renderNotFound } from './views/notfound.js';

const ROUTES = [
  { pattern: /^\/?$/, view: renderHome, title: 'Runners' },
  { pattern: /^\/runners\/new\/?$/, view: renderWizard, title: 'Create runner' },
  { pattern: /^\/runners\/([^/]+)\/analytics\/?$/, view: renderAnalytics, title: 'Runner analytics' },
  { pattern: /^\/runners\/([^/]+)\/?$/, view: renderRunner, title: 'Runner' },
];

const main = document.getElementById('main');
const signOut = document.getElementById('sign-out');
let renderCount = 0;

function hashMode() {
  return location.hash.startsWith('#/');
}

/** The route path and query, from the hash when it holds a route, else from the real path. */
function currentLocation() {
  if (hashMode()) {
    const url = new URL(location.hash.slice(1), location.origin);
    return { path: url.pathname, query: url.searchParams };
  }
  return { path: location.pathname.replace(/\/index\.html$/, '/'), query: new URLSearchParams(location.search) };
}

/** Moves to a route without reloading the page. */
export function navigate(to, { replace = false } = {}) {
  if (hashMode()) {
    if (replace) history.replaceState(null, '', `#${to}`);
    else history.pushState(null, '', `#${to}`);
  } else if (replace) {
    history.replaceState(null, '', to);
  } else {
    history.pushState(null, '', to);
  }
  render();
}

/** The href to write into links: `#/x` when the page runs in hash mode. */
export function href(path) {
  return hashMode() ? `#${path}` : path;
}

function render(message) {
  renderCount += 1;
  const token = renderCount;
  const ctx = {
    isCurrent: () => token === renderCount,
    navigate,
    href,
    focus: () => { if (token === renderCount) focusHeading(main); },
  };
  document.querySelectorAll('dialog.modal').forEach((d) => d.close());
  if (!adminKey()) {
    signOut.hidden = true;
    document.title = 'Sign in · Paginate';
    renderSignIn(main, { message, onSignedIn: () => render() });
    return;
  }
  signOut.hidden = false;
  const { path, query } = currentLocation();
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (match) {
      document.title = `${route.title} · Paginate`;
      markNav(path);
      route.view(main, { params: match.slice(1).map(decodeURIComponent), query }, ctx);
      return;
    }
  }
  document.title = 'Not found · Paginate';
  renderNotFound(main, ctx);
}

function markNav(path) {
  document.querySelectorAll('.topbar nav a').forEach((a) => {
    const target = new URL(a.getAttribute('href'), location.origin).pathname;
    if (target === path) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
}

document.addEventListener('click', (event) => {
  const link = event.target.closest('a[data-link]');
  if (!link || event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const url = new URL(link.getAttribute('href'), location.href);
  if (url.origin !== location.origin) return;
  event.preventDefault();
  const to = url.hash.startsWith('#/') ? url.hash.slice(1) : url.pathname + url.search;
  navigate(to);
});

window.addEventListener('popstate', () => render());
window.addEventListener('hashchange', () => render());
window.addEventListener('paginate:unauthorized', (event) => {
  setAdminKey(null);
  render(event.detail?.message);
});
signOut.addEventListener('click', () => {
  setAdminKey(null);
  render('Signed out. The admin key was removed from this browser tab.');
});

// Links written in static HTML point at real paths; in hash mode rewrite them once.
if (hashMode()) {
  document.querySelectorAll('a[data-link]').forEach((a) => a.setAttribute('href', `#${a.getAttribute('href')}`));
}
render();
