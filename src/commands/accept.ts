// The one adapter every accept goes through: the pane's buttons and keys, Word's ribbon and keyboard
// commands (with a shared runtime or without one) and the WPS ribbon. Where a session runs in this
// runtime the accept is its event (it writes, counts and labels). Where none does — Word 2016/2021's
// FunctionFile runtime, the WPS add-in's own page — `direct` keeps the ghost's text and writes the GB 45438
// label itself (shownGhost.ts: acceptDirectly). Kept tiny and without async: the ES5 lite pane loads it.
import type { Accepted } from '../core/session/transition';
import type { CommandTarget } from './commandTarget';

export type AcceptHow = 'all' | 'next';

/** Accept the shown suggestion: the session's accept event when there is a session, else `direct`. */
export function acceptSuggestion(
  how: AcceptHow,
  target: Pick<CommandTarget, 'acceptAll' | 'acceptNext'> | null,
  direct?: (how: AcceptHow) => Promise<Accepted | null>,
): Promise<Accepted | null> {
  if (target) return (how === 'all' ? target.acceptAll() : target.acceptNext()).then(() => null);
  return direct ? direct(how) : Promise.resolve(null);
}
