// The official words as Terms, for code that has them at hand (the ribbon's accept without a session, tests).
import { OFFICIAL_WORDS } from './officialWords';
import { termsOf, type Terms } from './terms';

export const OFFICIAL_TERMS: Terms = /*#__PURE__*/ termsOf(OFFICIAL_WORDS);
