// Where the keyboard goes, as in Word: after a click in the task pane, desktop Word sends every key to the
// pane until the clerk clicks the document again, and an add-in cannot send it back (office-js #316, #4665).
// Word on the web is the exception: the add-in's select() returns the keyboard to the document (#316).
// The playground shows this truthfully, and never writes a key anywhere but at the simulated caret.

export type KeyOwner = 'document' | 'pane';

export interface FocusModel {
  readonly owner: KeyOwner;
  /** the add-in moved the caret with select(): on the web the document takes the keyboard back */
  addinSelected(): void;
  dispose(): void;
}

export function mountFocusModel(opts: {
  docEl: HTMLElement;
  paneEl: HTMLElement;
  /** Word on the web: select() gives the keyboard back to the document */
  webReturnsFocus: boolean;
  /** shown while keys go to the pane (empty: hidden) */
  onOwner(owner: KeyOwner): void;
}): FocusModel {
  const { docEl, paneEl } = opts;
  let owner: KeyOwner = 'document';
  const set = (o: KeyOwner) => {
    if (o === owner) return;
    owner = o;
    docEl.dataset.keys = o;
    opts.onOwner(o);
  };
  docEl.dataset.keys = owner;
  const onPaneDown = () => set('pane');
  const onDocDown = () => set('document');
  // Desktop Word has no Tab from the pane into the text: the document gets keys back only by a click.
  const onDocFocus = () => {
    if (owner === 'pane') docEl.blur();
  };
  paneEl.addEventListener('pointerdown', onPaneDown, true);
  docEl.addEventListener('pointerdown', onDocDown, true);
  docEl.addEventListener('focus', onDocFocus, true);
  return {
    get owner() {
      return owner;
    },
    addinSelected() {
      if (!opts.webReturnsFocus || owner === 'document') return;
      // after the add-in's sync: the page then draws the caret where the simulator has it
      setTimeout(() => {
        set('document');
        docEl.focus();
      }, 0);
    },
    dispose() {
      paneEl.removeEventListener('pointerdown', onPaneDown, true);
      docEl.removeEventListener('pointerdown', onDocDown, true);
      docEl.removeEventListener('focus', onDocFocus, true);
    },
  };
}
