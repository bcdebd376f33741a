// An editable page that stands in for the Word/WPS document window. The simulated document is the
// single source of truth: the browser's own editing is cancelled and every keystroke is replayed on
// `doc.user`, then the page is re-rendered from `doc.snapshot()` (ghost runs drawn grey and italic).
import type { DocRun, SimulatedDocument } from '../simulators/SimulatedDocument';

export interface DocumentView {
  render(): void;
  dispose(): void;
}

export function mountDocumentView(el: HTMLElement, doc: SimulatedDocument): DocumentView {
  let rendering = false;
  let composing = false;

  function render(): void {
    rendering = true;
    try {
      const snap = doc.snapshot();
      el.replaceChildren(...snap.paragraphs.map(renderParagraph));
      if (document.activeElement === el) placeCaret(el, snap.selection.start, snap.selection.end);
    } finally {
      // selectionchange fires asynchronously after we move the caret: ignore that one
      setTimeout(() => { rendering = false; }, 0);
    }
  }

  function onBeforeInput(e: InputEvent): void {
    if (composing || e.inputType === 'insertCompositionText') return; // IME: committed on compositionend
    e.preventDefault();
    syncSelectionFromDom();
    switch (e.inputType) {
      case 'insertText':
      case 'insertReplacementText':
        if (e.data) doc.user.type(e.data);
        break;
      case 'insertParagraph':
      case 'insertLineBreak':
        doc.user.type('\n');
        break;
      case 'insertFromPaste':
      case 'insertFromDrop': {
        const text = e.dataTransfer?.getData('text/plain') ?? '';
        if (text) doc.user.type(text.replace(/\r\n?/g, '\n'));
        break;
      }
      case 'deleteContentBackward':
      case 'deleteWordBackward':
        doc.user.backspace();
        break;
      case 'deleteContentForward': {
        const { start, end } = doc.snapshot().selection;
        if (start === end && start < doc.text().length) doc.user.select(start, start + 1);
        doc.user.backspace();
        break;
      }
      case 'historyUndo':
        doc.user.undo();
        break;
      default:
        break; // formatting and other edits are not simulated
    }
  }

  function onCompositionStart(): void { composing = true; }
  function onCompositionEnd(e: CompositionEvent): void {
    composing = false;
    const data = e.data;
    render(); // throw away what the IME wrote into the DOM; the simulator decides
    if (data) doc.user.type(data);
  }

  function onKeyDown(e: KeyboardEvent): void {
    if (e.key === 'Tab' && !e.ctrlKey && !e.altKey && !e.metaKey) {
      // Tab in Word's text is a tab character, never a move to the task pane
      e.preventDefault();
      syncSelectionFromDom();
      doc.user.type('\t');
    } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
      e.preventDefault();
      doc.user.save();
    } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') {
      e.preventDefault();
      doc.user.undo();
    }
  }

  function syncSelectionFromDom(): void {
    if (document.activeElement !== el) return;
    const sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || !el.contains(sel.anchorNode)) return;
    const range = sel.getRangeAt(0);
    const start = offsetOf(el, range.startContainer, range.startOffset);
    const end = offsetOf(el, range.endContainer, range.endOffset);
    if (start === null || end === null) return;
    const cur = doc.snapshot().selection;
    if (cur.start !== start || cur.end !== end) doc.user.select(start, end);
  }

  function onSelectionChange(): void {
    // Only the clerk's own caret in a focused document counts: a re-render while the pane has the keys
    // drops the DOM selection to the top of the page, and that must not move the simulated caret there.
    if (rendering || composing || document.activeElement !== el) return;
    syncSelectionFromDom();
  }

  const unsubscribe = doc.subscribe(() => { if (!composing) render(); });
  // One list, so dispose() removes exactly what was added.
  const listeners: Array<[EventTarget, string, (e: never) => void]> = [
    [el, 'beforeinput', onBeforeInput],
    [el, 'compositionstart', onCompositionStart],
    [el, 'compositionend', onCompositionEnd],
    [el, 'keydown', onKeyDown],
    [el, 'focus', render],
    [document, 'selectionchange', onSelectionChange],
  ];
  for (const [target, type, fn] of listeners) target.addEventListener(type, fn as EventListener);
  render();

  return {
    render,
    dispose() {
      unsubscribe();
      for (const [target, type, fn] of listeners) target.removeEventListener(type, fn as EventListener);
    },
  };
}

function renderParagraph(runs: DocRun[]): HTMLElement {
  const p = document.createElement('p');
  for (const run of runs) {
    if (!run.text) continue;
    const span = document.createElement('span');
    span.textContent = run.text;
    if (run.ghost) span.dataset.ghost = 'true';
    if (run.color && !run.ghost) span.style.color = run.color;
    if (run.italic && !run.ghost) span.style.fontStyle = 'italic';
    p.appendChild(span);
  }
  if (!p.firstChild) p.appendChild(document.createElement('br'));
  return p;
}

/** DOM point → offset in the document's text() coordinates (paragraphs joined by '\n'). */
function offsetOf(root: HTMLElement, node: Node, offset: number): number | null {
  const paragraphs = Array.from(root.children);
  let p: Node | null = node;
  while (p && p.parentNode !== root) p = p.parentNode;
  if (!p) {
    if (node === root) {
      // a point between paragraphs
      let total = 0;
      for (let i = 0; i < offset && i < paragraphs.length; i++) total += (paragraphs[i].textContent ?? '').length + 1;
      return Math.max(0, total - (offset >= paragraphs.length ? 1 : 0));
    }
    return null;
  }
  const index = paragraphs.indexOf(p as Element);
  let total = 0;
  for (let i = 0; i < index; i++) total += (paragraphs[i].textContent ?? '').length + 1;
  const r = document.createRange();
  r.setStart(p, 0);
  r.setEnd(node, offset);
  return total + r.toString().length;
}

/** Offset in text() coordinates → a DOM point; the caret stays before a ghost that starts there. */
function pointAt(root: HTMLElement, offset: number): { node: Node; offset: number } {
  const paragraphs = Array.from(root.children);
  let rest = offset;
  for (const p of paragraphs) {
    const len = (p.textContent ?? '').length;
    if (rest <= len) {
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      let last: { node: Node; offset: number } = { node: p, offset: 0 };
      for (let t = walker.nextNode(); t; t = walker.nextNode()) {
        const tl = t.textContent?.length ?? 0;
        if (rest <= tl) {
          const inGhost = (t.parentElement?.dataset.ghost === 'true');
          // at the very start of a ghost run, prefer the end of the text before it
          if (rest === 0 && inGhost && last.node !== p) return last;
          return { node: t, offset: rest };
        }
        rest -= tl;
        last = { node: t, offset: tl };
      }
      return last;
    }
    rest -= len + 1;
  }
  const lastP = paragraphs[paragraphs.length - 1];
  return { node: lastP ?? root, offset: lastP ? lastP.childNodes.length : 0 };
}

function placeCaret(root: HTMLElement, start: number, end: number): void {
  const sel = window.getSelection();
  if (!sel) return;
  const a = pointAt(root, start);
  const b = start === end ? a : pointAt(root, end);
  const range = document.createRange();
  range.setStart(a.node, a.offset);
  range.setEnd(b.node, b.offset);
  sel.removeAllRanges();
  sel.addRange(range);
}
