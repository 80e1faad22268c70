import { h, replace } from '../dom.js';

export function renderNotFound(main, ctx) {
  replace(main, h('section', { class: 'panel' },
    h('h1', {}, 'Page not found'),
    h('p', {}, 'There is no screen at this address.'),
    h('a', { href: ctx.href('/'), 'data-link': true, class: 'button' }, 'Back to runners')));
  ctx.focus();
}
