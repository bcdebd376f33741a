export { SuggestionSession, DEFAULT_SESSION_OPTIONS, INLINE_UNAVAILABLE, cacheKey } from './SuggestionSession';
export type { FetchSuggestion, SessionClock, SessionCounters, SuggestionSessionInit, SuggestionSessionOptions } from './SuggestionSession';
export { transition, typedSince, sameContext, contextAfterInsert, tooShort } from './transition';
export type { Accepted, Suggestion, SuggestionState, SuggestionStateKind, SessionEvent, Effect, DropReason, TransitionConfig, Transition } from './transition';
export { LruCache } from './LruCache';
export { inlinePolicy, INLINE } from './inlinePolicy';
export type { InlinePolicy, InlinePolicyInput } from './inlinePolicy';
