// Names the document has already fixed — issuer, recipients, the title's topic, organisations,
// attachments — completed once the clerk has typed their first characters at a word start.
import type { ContextDigest } from '../core/protocol';
import type { Candidate } from './rules';
import { firmBoundary, words } from './units';

const SPLIT = /[，、；;,\n]/;
const PLACE = /^.{1,8}?(?:省|自治区|市|自治州|州|盟|县|区|旗)(?=.{2,})/;
const TOPIC = /关于(.+?)的(?:通知|请示|报告|函|复函|批复|通报|决定|意见|纪要|通告|公告|方案|实施方案|工作方案)$/;
const LEAD_VERB = /^(?:做好|开展|加强|进一步|推进|落实|印发|转发|申请|增设|商请|征求|组织|召开|表彰)+/;

/** The names this document has fixed, longest first, each also without its place prefix. */
export function documentEntities(d: ContextDigest): string[] {
  const out = new Set<string>();
  const add = (s: string) => {
    const t = s.trim().replace(/[：:。]$/, '');
    if (t.length >= 3 && t.length <= 40) out.add(t);
  };
  const orgs = [d.issuer, ...d.recipients.split(SPLIT), ...d.cc.split(SPLIT), ...d.facts.orgs];
  for (const o of orgs) {
    add(o);
    // 西林市教育局 is 市教育局 in its own body text.
    const m = PLACE.exec(o.trim());
    if (m) add(o.trim().slice(m[0].length - 1));
  }
  const topic = TOPIC.exec(d.title.trim());
  // The topic without its verb: 做好X / 开展X in the title is usually X alone in the body.
  if (topic) add(topic[1].replace(LEAD_VERB, ''));
  for (const a of d.facts.attachments) add(a);
  return [...out].sort((a, b) => b.length - a.length);
}

/** Offsets in `tail` where a word starts, by Intl.Segmenter. */
function wordStarts(tail: string): Set<number> {
  const s = new Set<number>([0]);
  let pos = 0;
  for (const w of words(tail)) {
    pos += w.length;
    s.add(pos);
  }
  return s;
}

const STOP = /[\n。；，：、（）“”《》！？\s]/;

export function fromEntities(d: ContextDigest, entities: string[] = documentEntities(d)): Candidate | null {
  const tail = d.before.slice(-16);
  const starts = wordStarts(tail);
  for (let k = Math.min(12, tail.length); k >= 2; k--) {
    const typed = tail.slice(tail.length - k);
    if (STOP.test(typed)) continue;
    const at = tail.length - k;
    // The typed part must begin a word (or follow punctuation): 市教 inside 城市教师 is no start.
    if (at > 0 && !starts.has(at) && !STOP.test(tail[at - 1])) continue;
    const rests = entities.filter((e) => e.startsWith(typed) && e.length > k).map((e) => e.slice(k));
    if (rests.length === 0) continue;
    let n = rests[0].length;
    for (const r of rests) {
      let i = 0;
      while (i < n && i < r.length && r[i] === rests[0][i]) i++;
      n = i;
    }
    const text = rests[0].slice(0, n);
    if (text.length < 2) return null;
    // Completing a word already begun is near certain; guessing the entity's next word after a
    // finished one (南平区 → 卫生健康局) is not: the body often names something else there.
    const entity = typed + text;
    const inner = wordStarts(entity);
    const midWord = !firmBoundary(entity, k);
    // Two typed characters that are a whole word (公交, 征求) start many things besides this name.
    const han = (typed.match(/\p{Script=Han}/gu) ?? []).length;
    const confidence = han < 2 ? 0.5 : !midWord ? 0.6 : k >= 4 ? 0.85 : k === 3 ? 0.8 : inner.has(2) ? 0.6 : 0.72;
    return { text, confidence: rests.length === 1 ? confidence : confidence - 0.05, source: 'entity' };
  }
  return null;
}
