// What the pane publishes about the suggestion it shows, in the storage it shares with runtimes that have no
// session (Word's FunctionFile runtime, the WPS ribbon page), and what such a runtime leaves for the pane: the
// characters it accepted, for the outcome figures. The pane's side only — small, and without the accept's
// word lists, so both panes carry it (the command's side is shownGhost.ts).
import type { SuggestionState } from '../core/session/transition';

/** What the pane says about the ghost it has in the document, for a runtime without the session. */
export interface ShownGhost {
  /** the ghost's text as the pane left it (what a command must find in the document to trust the rest) */
  ghost: string;
  model: string;
  requestId: string;
  /** the producer to label the model's text with ('' when the admin named none: labelled all the same, as the
   *  pane's own accept does); null = no label (labelling off, an exempt model) */
  producer: string | null;
  /** the suggestion is in the pane only (nothing of it in the document): the text just before the caret it was
   *  made for, which a command checks before it puts anything in */
  paneOnly?: { before: string };
}

/** how much of the text before the caret a pane-only record keeps to recognise its place */
const BEFORE_CHARS = 40;
export const tail = (s: string): string => s.slice(Math.max(0, s.length - BEFORE_CHARS));

/** Storage both runtimes see: localStorage of the add-in's origin (Word), PluginStorage (WPS). */
export interface SharedStorage {
  getItem(key: string): unknown;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const SHOWN_GHOST_KEY = 'banxie_shown_ghost';

export function readShownGhost(storage: SharedStorage | null | undefined): ShownGhost | null {
  try {
    const raw = storage?.getItem(SHOWN_GHOST_KEY);
    if (typeof raw !== 'string' || !raw) return null;
    const o = JSON.parse(raw) as Partial<ShownGhost>;
    if (typeof o.ghost !== 'string' || typeof o.model !== 'string') return null;
    const shown: ShownGhost = { ghost: o.ghost, model: o.model, requestId: String(o.requestId ?? ''), producer: typeof o.producer === 'string' ? o.producer : null };
    if (o.paneOnly && typeof o.paneOnly.before === 'string') shown.paneOnly = { before: o.paneOnly.before };
    return shown;
  } catch {
    return null;
  }
}

export function writeShownGhost(storage: SharedStorage, shown: ShownGhost | null): void {
  try {
    if (shown) storage.setItem(SHOWN_GHOST_KEY, JSON.stringify(shown));
    else storage.removeItem(SHOWN_GHOST_KEY);
  } catch {
    /* storage full or refused: a command elsewhere then writes no label, the accept still works */
  }
}

/**
 * The pane's side: whenever a suggestion is shown (or shrinks), publish it — its text, model, and the producer
 * its label would name. An inline ghost's record is replaced by the next ghost, never removed when the pane's
 * session moves on: the pane may lose track of a ghost that is still in the document (the other runtime
 * accepted part of it), and every ghost in the document is the pane's last one or what is left of it. A
 * pane-only suggestion's record goes as soon as the pane stops showing it: nothing in the document says it is
 * stale. Returns the record as written, so unchanged states write nothing.
 */
export function publishShownGhost(
  storage: SharedStorage,
  state: SuggestionState,
  producerFor: (model: string) => string | null,
  last: string | null,
): string | null {
  if (state.kind !== 'showing') {
    if (!last || !(JSON.parse(last) as ShownGhost).paneOnly) return last;
    writeShownGhost(storage, null);
    return null;
  }
  const shown: ShownGhost = { ghost: state.text, model: state.model, requestId: state.requestId, producer: producerFor(state.model) };
  if (!state.inline) shown.paneOnly = { before: tail(state.context.text.slice(0, state.context.cursor)) };
  const key = JSON.stringify(shown);
  if (key === last) return last;
  writeShownGhost(storage, shown);
  return key;
}

/** Characters of a suggestion a command accepted without the session (by request id), for the pane's outcome
 *  figures: there the session saw its ghost vanish or its text typed through, not an accept. */
const ACCEPTED_ELSEWHERE_KEY = 'banxie_accepted_elsewhere';

export function noteAcceptedElsewhere(storage: SharedStorage, requestId: string, chars: number): void {
  if (!requestId) return;
  const before = acceptedElsewhereRecord(storage);
  const total = before && before.requestId === requestId ? before.chars + chars : chars;
  try {
    storage.setItem(ACCEPTED_ELSEWHERE_KEY, JSON.stringify({ requestId, chars: total }));
  } catch {
    /* storage refused: the figure counts it as typed through or expired */
  }
}

function acceptedElsewhereRecord(storage: SharedStorage): { requestId: string; chars: number } | null {
  try {
    const raw = storage.getItem(ACCEPTED_ELSEWHERE_KEY);
    const o = typeof raw === 'string' && raw ? (JSON.parse(raw) as { requestId?: unknown; chars?: unknown }) : null;
    return o && typeof o.requestId === 'string' && typeof o.chars === 'number' ? { requestId: o.requestId, chars: o.chars } : null;
  } catch {
    return null;
  }
}

/** The pane's side: characters of `requestId`'s suggestion a command accepted (then forgotten), 0 if none. */
export function takeAcceptedElsewhere(storage: SharedStorage, requestId: string): number {
  const rec = acceptedElsewhereRecord(storage);
  if (!rec || rec.requestId !== requestId) return 0;
  try {
    storage.removeItem(ACCEPTED_ELSEWHERE_KEY);
  } catch {
    /* counted once anyway: the next suggestion has another id */
  }
  return rec.chars;
}

/** The pane closes: its ghost is cleared, so no record stays behind. */
export function forgetShownGhost(storage: SharedStorage): void {
  writeShownGhost(storage, null);
}

/** The pane's side, wired: publish each suggestion `session` shows, inline or pane-only; the returned function
 * stops and removes the record (the pane is closing, its ghost is cleared). */
export function publishGhosts(
  storage: SharedStorage,
  session: { subscribe(cb: (s: SuggestionState) => void): () => void },
  producerFor: (model: string) => string | null,
): () => void {
  let published: string | null = null;
  const unsubscribe = session.subscribe((state) => {
    published = publishShownGhost(storage, state, producerFor, published);
  });
  return () => {
    unsubscribe();
    if (published) forgetShownGhost(storage);
  };
}
