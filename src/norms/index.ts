// 公文 format rules (GB/T 9704-2012, GB/T 15834, GB/T 15835, the 条例) over the digest's reading
// of a document's structure. Pure: used by the panes and by `npm run norms`.
export { checkNorms, type Finding, type NormsOptions } from './check';
export { readDocument, type NormsDocument, type LineKind, type DateSpan } from './document';
export { RULES, RULE_BY_ID, formatMessage, type Rule, type RuleId, type Severity, type Localized } from './rules';
export { applyFix } from './fix';
export { searchTarget, SEARCH_MAX, type SearchTarget } from './locate';
