// What the status line and the empty card say, the same in the full and the lite pane: the model that will
// answer the next request (or that none will, for this document), and why no suggestion shows.
import type { ModelInfo } from '../core/protocol';
import type { PaneController, PaneSnapshot } from './PaneController';
import type { Translate } from './problem';

/** "模型：…" naming the model that answers next; when this document may not go to the chosen one, says so. */
export function modelLine(c: PaneController, t: Translate): { text: string; model: ModelInfo | null } {
  const answering = c.answeringModel();
  if (answering) return { text: t('status.model', { model: labelOf(answering, c, t) }), model: answering };
  return { text: t('status.modelPaused', { model: labelOf(c.currentModel(), c, t) }), model: null };
}

/** the model's label as the service gave it; before the list came (connecting, offline, not signed in) the
 *  built-in engine by its name, not its id */
function labelOf(model: ModelInfo, c: PaneController, t: Translate): string {
  return !c.snapshot.models && model.residency === 'builtin' ? t('status.builtinName') : model.label;
}

/** the connection as the clerk should read it: a service that wants a sign-on is reached, not "connecting" */
export function connectionKey(s: PaneSnapshot): string {
  return `status.connection.${s.signOnNeeded ? 'signon' : s.connection}`;
}

/** The card's words when no suggestion shows: a failed request points at the message above it, not "暂无建议". */
export function idleKey(s: PaneSnapshot, c: PaneController): string {
  if (s.suggestion.kind === 'error' && s.suggestion.code !== 'aborted' && c.requestErrorApplies()) return 'suggestion.failed';
  // the host said why it asks for none here (Word on the web inside a paragraph)
  return (s.suggestion.kind === 'idle' && s.suggestion.context?.noSuggestion) || 'suggestion.none';
}
