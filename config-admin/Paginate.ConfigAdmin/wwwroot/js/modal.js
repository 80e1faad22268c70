// A modal dialog on <dialog>.showModal(): the page behind is inert, Tab cycles inside the dialog,
// Escape closes it, and focus returns to the control that opened it.

import { h, uid } from './dom.js';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Opens a dialog. `build(close)` returns the body nodes; the dialog is removed when closed.
 * Returns `{ dialog, close }`.
 */
export function openModal({ title, build, initialFocus }) {
  const opener = document.activeElement;
  const titleId = uid('modal-title');
  const dialog = h('dialog', { class: 'modal', 'aria-labelledby': titleId, 'aria-modal': 'true' });
  const close = () => {
    if (dialog.open) dialog.close();
  };
  dialog.append(h('h2', { id: titleId }, title), ...[build(close)].flat());
  dialog.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
      return;
    }
    if (event.key !== 'Tab') return;
    const items = [...dialog.querySelectorAll(FOCUSABLE)].filter((el) => !el.closest('[hidden]'));
    if (!items.length) return;
    const first = items[0];
    const last = items[items.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  });
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (opener && typeof opener.focus === 'function' && opener.isConnected) opener.focus();
  });
  document.body.append(dialog);
  dialog.showModal();
  const target = (initialFocus && dialog.querySelector(initialFocus)) ?? dialog.querySelector(FOCUSABLE);
  target?.focus();
  return { dialog, close };
}
