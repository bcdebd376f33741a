export { SuggestionSession, DEFAULT_SESSION_OPTIONS, INLINE_UNAVAILABLE, cacheKey } from './SuggestionSession';
export type { AcceptedText, FetchSuggestion, SessionClock, SessionCounters, SuggestionSessionInit, SuggestionSessionOptions } from './SuggestionSession';
export { transition, typedSince, sameContext, contextAfterInsert, tooShort } from './transition';
export type { SuggestionState, SuggestionStateKind, SessionEvent, Effect, DropReason, TransitionConfig, Transition } from './transition';
export { LruCache } from './LruCache';
