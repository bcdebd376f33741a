// The full pane's format checker: src/norms as the "norms" chunk, fetched when the checks first run (the rules
// and the structure reader do not fit the pane's initial bundle). The lite pane has its own (an ES5 build).
import type { NormsChecker } from './NormsRunner';

export const loadNorms = (): Promise<NormsChecker> => import(/* webpackChunkName: "norms" */ '../norms');
