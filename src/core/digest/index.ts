// Document text → ContextDigest: what the model is told about a 公文 and where the cursor
// stands in it, bounded by a budget measured as JSON.stringify(digest).length.
import type { HostContext } from '../DocumentHost';
import type { ContextDigest } from '../protocol';
import { DigestBuilder, type DigestOptions } from './DigestBuilder';
import { DigestStage } from './DigestStage';

export { DigestBuilder, type DigestOptions } from './DigestBuilder';
export { DigestStage, withHeaderMarking } from './DigestStage';
export { detectClassification, type ClassificationMark } from './markings';
export { detectDocType } from './docType';
export { MIN_DIGEST_BUDGET, completeDigest, effectiveBudget } from './fit';

/**
 * The digest of `text` (the body as plain text, paragraphs separated by '\n', no ghost text)
 * at offset `cursor`. JSON.stringify(result).length ≤ the budget (default 2000; budgets below
 * MIN_DIGEST_BUDGET are raised to it); docType, title and section are always present. Under
 * very small budgets, keys with empty values are left out of the JSON — see completeDigest.
 */
export function buildDigest(text: string, cursor: number, options?: DigestOptions): ContextDigest {
  return new DigestBuilder(text).digest(cursor, options);
}

/** The digest of a whole HostContext — body, cursor and page header. The pane keeps a DigestStage between
 * requests instead; this is for one-off callers (tools, tests). */
export function digestOf(ctx: HostContext, options?: DigestOptions): ContextDigest {
  return new DigestStage(options).digest(ctx);
}
