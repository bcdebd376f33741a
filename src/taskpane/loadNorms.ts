// The full pane's format checker: normsBundle.ts, a bundle of its own fetched when the checks first run (the rules
// and the structure reader do not fit the pane's initial bundle). The lite pane has its own (an ES5 build).
import { loadBundle } from './loadBundle';
import type { NormsChecker } from './NormsRunner';

export const loadNorms = (): Promise<NormsChecker> => loadBundle<NormsChecker>('banxie-norms', 'banxieNorms');
