// The pane's outcome events (issue 27): each suggestion's outcome (core/session/outcomes) with the document
// type and the host, batched to POST /v1/events — at 20 events or 60 s after the first one waiting, and on
// pagehide with keepalive. Loaded as a chunk of its own only when the service takes events (both panes'
// bundles stay within budget). A lost batch is lost: the figures tolerate that; a double would not be.
import type { CompletionClient, OutcomeEvent } from '../core/client/CompletionClient';
import type { DocumentHost } from '../core/DocumentHost';
import { outcomeTracker } from '../core/session/outcomes';
import type { SuggestionSessionInit } from '../core/session/SuggestionSession';

const MAX_EVENTS = 20;
const MAX_WAIT_MS = 60_000;
let n = 0;

export interface OutcomeEventsDeps {
  client: CompletionClient;
  host: DocumentHost;
  pane: 'full' | 'lite';
  /** the document type of the last digest sent */
  docType(): string;
  /** characters of a suggestion accepted by a command without the session (Word's ribbon on manifest.xml, the
   *  WPS ribbon): the session saw those as typed through or its ghost gone (commands/shownGhost.ts) */
  acceptedElsewhere?(requestId: string): number;
}

export interface OutcomeEvents {
  /** the session's onTransition observer */
  observe: NonNullable<SuggestionSessionInit['onTransition']>;
  /** the pane is taken down: what is on screen ends, the rest goes now, no timer stays */
  stop(): void;
}

/** Starts recording. */
export function startOutcomeEvents(deps: OutcomeEventsDeps): OutcomeEvents {
  let queue: OutcomeEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = (keepalive: boolean): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!queue.length) return;
    const batch = queue;
    queue = [];
    deps.client.sendEvents(batch, keepalive).catch(() => undefined);
  };
  const f = deps.host.diagnostics ? deps.host.diagnostics().facts : null;
  // "word/16.0.1234 PC full": letters, digits and . / ( ) + - only, as the service's schema takes it
  const host = (deps.host.name + '/' + (f ? f.version + ' ' + f.platform : '') + ' ' + deps.pane).replace(/[^\w .:/()+-]/g, '').slice(0, 64);
  const tracker = outcomeTracker((r) => {
    const elsewhere = deps.acceptedElsewhere?.(r.requestId) ?? 0;
    if (elsewhere) {
      r.acceptedChars += elsewhere;
      r.shownChars = Math.max(r.shownChars, r.acceptedChars);
      r.outcome = r.acceptedChars < r.shownChars ? 'partial' : 'accepted';
    }
    queue.push({ ...r, id: Date.now().toString(36) + Math.random().toString(36).slice(2, 9) + (n++).toString(36), docType: deps.docType(), host });
    if (queue.length >= MAX_EVENTS) flush(false);
    else if (!timer) timer = setTimeout(() => flush(false), MAX_WAIT_MS);
  });
  // The page is going away (pane closed, document closed): what is on screen ends now, and goes with keepalive.
  // (no window where the pane's wiring runs in Node: benches, tests)
  const gone = (): void => {
    tracker.end();
    flush(true);
  };
  if (typeof window !== 'undefined') window.addEventListener('pagehide', gone);
  return {
    observe: tracker.observe,
    stop() {
      if (typeof window !== 'undefined') window.removeEventListener('pagehide', gone);
      tracker.end();
      flush(false);
    },
  };
}
