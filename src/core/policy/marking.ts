// The marking that binds a digest: the one the pane declares, or one standing at the top of any text
// field that reaches a prompt — the most severe of them. A declared marking never stops the scan: a
// client may declare 内部 (or nothing) over a document marked 机密.
import type { Classification, ContextDigest, Heading } from '../protocol';
import { headMarking, moreSevere } from '../digest/markings';

const heading = (h: Heading): string => `${h.ordinal}${h.text}`;

/** Every text of the digest as a prompt shows it: each field, each heading (ordinal and text joined),
 * each fact and next ordinal, and the document around the cursor joined as the model reads it (a
 * cursor inside or above the marking line splits nothing then). */
export function promptTexts(d: ContextDigest): string[] {
  const facts = d.facts ?? {};
  return [
    d.before + d.after,
    d.title, d.issuer, d.recipients, d.docNumber, d.signer, d.cc, d.classificationPeriod,
    ...(d.outline ?? []).map(heading), ...(d.section ?? []).map(heading),
    ...Object.values(d.nextOrdinals ?? {}),
    // concat, not flat(): ES5 for the lite pane without core-js's flat (IE11 has none)
    ...([] as string[]).concat(...Object.values(facts)),
  ].filter((t): t is string => typeof t === 'string' && t.length > 0);
}

/** The digest's binding classification: declared or found in any field, the most severe; null when none. */
export function digestMarking(d: ContextDigest): Classification | null {
  let found: Classification | null = d.classification ?? null;
  for (const text of promptTexts(d)) found = moreSevere(found, headMarking([text]).mark?.classification ?? null);
  return found;
}
