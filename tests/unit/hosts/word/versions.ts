// The Word versions the host scenarios run on, and the host options each needs to show ghosts at all.
import type { WordHostOptions } from '../../../../src/hosts/word/WordHost';
import type { WordVersion } from '../../../../src/simulators/word/versions';

/** every simulated Word that loads the add-in (WordApi 1.3+); '2016-msi' stops at 1.1 and never loads it */
export const WORD_VERSIONS: WordVersion[] = ['web', '365', '2021', '2016'];

/** below WordApi 1.4 the host cannot read tracking: inline only on the user's word that they do not track (§5) */
export const hostOptionsFor = (version: WordVersion): Partial<WordHostOptions> =>
  version === '2021' || version === '2016' ? { trackingUnknown: 'inline' } : {};

/** Word on the web always edits a cloud file: inline only on the user's opt-in, weighed by the session's
 *  InlinePolicy (DESIGN, cloud documents) */
export const sessionOptionsFor = (version: WordVersion): { cloudInline?: boolean } => (version === 'web' ? { cloudInline: true } : {});

/** Word that reads and sets changeTrackingMode (WordApi 1.4) */
export const canTrack = (v: WordVersion): boolean => v === '365' || v === 'web';
