// The accept a runtime without the pane's session makes itself (Word's FunctionFile runtime, the WPS ribbon page):
// keep the ghost's first unit or all of it — or, where the suggestion is in the pane only (Word 2016–2021 below
// WordApi 1.4, track changes on, a cloud document), put it in at the caret it was made for — and write the
// GB 45438 label from what the pane published (shownRecord.ts). Not in the lite pane.
import type { AigcAccept, HostContext } from '../core/DocumentHost';
import type { Accepted } from '../core/session/transition';
import { acceptNextText } from '../core/text';
import { OFFICIAL_TERMS } from '../core/text/official';
import type { AcceptHow } from './accept';
import { noteAcceptedElsewhere, readShownGhost, tail, writeShownGhost, type SharedStorage, type ShownGhost } from './shownRecord';

export type { SharedStorage } from './shownRecord';

/** A host used directly by a command with no session: find the ghost, keep some of it, label; where the
 *  suggestion is in the pane only, read the caret's place and put the text in there. */
export interface DirectGhostHost {
  /** the ghost's text in the document, '' when there is none */
  ghostText(): Promise<string>;
  acceptGhost(chars?: number): Promise<void>;
  labelAiContent?(accept: AigcAccept, label: { producer: string }): Promise<void>;
  readContext?(): Promise<HostContext>;
  insertAtCursor?(text: string): Promise<void>;
}

/** How much of `ghost` an accept takes: all, or the next unit — the session's rule (transition.ts). */
export function takenBy(how: AcceptHow, ghost: string): string {
  return how === 'all' ? ghost : acceptNextText(ghost, OFFICIAL_TERMS);
}

/**
 * The accept of a runtime with no session: keep the ghost's first unit (or all of it) in the document and,
 * when the pane published this very ghost (or it is what is left of it) with a producer, label the document;
 * the record then holds what is left. Resolves to what was accepted (null: there was no ghost).
 */
export async function acceptDirectly(how: AcceptHow, host: DirectGhostHost, storage: SharedStorage | null): Promise<Accepted | null> {
  const ghost = await host.ghostText();
  if (!ghost) return acceptFromPane(how, host, storage);
  const taken = takenBy(how, ghost);
  const all = taken.length === ghost.length;
  await host.acceptGhost(all ? undefined : taken.length);
  // the document's ghost is the pane's last one, or what is left of it after accepts and typing
  const shown = readShownGhost(storage);
  const ours = shown && shown.ghost.endsWith(ghost) ? shown : null;
  if (storage && ours) await recordTaken(storage, host, ours, taken, all ? null : { ...ours, ghost: ghost.slice(taken.length) });
  return { text: taken, model: ours?.model ?? '', requestId: ours?.requestId ?? '', all };
}

/**
 * No ghost in the document: the pane's pane-only suggestion, put in at the caret as the pane's own accept does
 * (insertAtCursor), only when the text before the caret is still what it was made for — a clerk who typed or
 * moved on since gets nothing. The pane's session sees the text arrive as typed through its suggestion.
 */
async function acceptFromPane(how: AcceptHow, host: DirectGhostHost, storage: SharedStorage | null): Promise<Accepted | null> {
  const shown = readShownGhost(storage);
  if (!storage || !shown?.paneOnly || !shown.ghost || !host.readContext || !host.insertAtCursor) return null;
  const at = await host.readContext();
  if (!at.selectionEmpty || at.noSuggestion || !at.text.slice(0, at.cursor).endsWith(shown.paneOnly.before)) return null;
  const taken = takenBy(how, shown.ghost);
  const all = taken.length === shown.ghost.length;
  await host.insertAtCursor(taken);
  await recordTaken(storage, host, shown, taken, all ? null : { ...shown, ghost: shown.ghost.slice(taken.length), paneOnly: { before: tail(shown.paneOnly.before + taken) } });
  return { text: taken, model: shown.model, requestId: shown.requestId, all };
}

/** After a command took `taken` of the suggestion the pane published (`shown`): the record keeps what is left
 *  (`left`, null when all went), the pane's figures learn of the accept, and the document is labelled as the pane
 *  would label it. */
async function recordTaken(storage: SharedStorage, host: DirectGhostHost, shown: ShownGhost, taken: string, left: ShownGhost | null): Promise<void> {
  writeShownGhost(storage, left);
  noteAcceptedElsewhere(storage, shown.requestId, taken.length);
  if (shown.producer !== null && host.labelAiContent) await host.labelAiContent({ model: shown.model, chars: taken.length }, { producer: shown.producer });
}
