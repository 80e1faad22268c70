// The wizard's draft in this tab's session storage, so a reload does not lose the form. Only the runner
// definition the form reads is kept: never test credentials, test query values, pasted requests or AI text
// (they live in other controls the form does not read).

const KEY = 'paginate.wizardDraft';

export function loadDraft() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
    return saved && typeof saved.definition === 'object' ? saved.definition : null;
  } catch {
    return null;
  }
}

export function saveDraft(definition) {
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ definition }));
  } catch {
    // Storage full or refused: the draft simply does not survive a reload.
  }
}

export function clearDraft() {
  sessionStorage.removeItem(KEY);
}
