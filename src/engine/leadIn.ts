// A lead-in that announces a list (……通知如下： / 现提出以下意见：) ends its paragraph; what follows is a
// new paragraph opening with the first heading one level below where the cursor stands.
import type { ContextDigest } from '../core/protocol';
import { currentLine, previousLine, type Candidate } from './rules';

const LEAD_IN = /(如下|以下[^，。；]{0,8})[:：]$/;
const FIRST_AT_LEVEL = ['一、', '（一）', '1.', '（1）'];

export function leadInHeading(d: ContextDigest): Candidate | null {
  const line = currentLine(d.before);
  const atLineStart = line === '';
  const lead = (atLineStart ? previousLine(d.before) : line).trim();
  // the 主送 line also ends with ：, but it is short and announces nothing
  if (!LEAD_IN.test(lead) || lead.length < 6) return null;
  const depth = d.section.reduce((m, h) => Math.max(m, h.level), 0);
  const first = FIRST_AT_LEVEL[Math.min(depth, 3)];
  return { text: (atLineStart ? '' : '\n') + first, confidence: 0.8, source: 'lead-in' };
}
