// Stage 2 of the pipeline: what a chat model wraps around a continuation. The head of the answer
// (acknowledgements, a preamble line, a code fence, a wrapping quote, a restatement of the text before
// the cursor, one paragraph break) is held only until it is decided; after that text streams through,
// with markdown markers removed per line and the answer ended where trailing chatter begins (an offer of
// help, a note, a sign-off). Work per chunk is proportional to the chunk.

export interface HeadContext {
  /** text before the cursor: an answer that starts by repeating its end loses the repetition */
  before: string;
  maxChars: number;
}

// Words a preamble or an acknowledgement starts with; an answer starting otherwise streams at once.
const OPENERS = ['好的', '好', '当然', '可以', '没问题', '以下是', '下面是', '续写', '继续写', '接续', 'sure', 'okay', 'ok', "here's", 'here is', 'certainly'];
const PREAMBLE_LINE = /^\s*(?:好的|好|当然|可以|没问题|以下是|下面是|续写|续写内容|续写如下|sure|okay|ok|here(?:'s| is)|certainly)[^\n]{0,30}?[：:，,。!！]?\s*$/i;
const PREAMBLE_INLINE = /^\s*(?:(?:好的|当然|可以)[，,。！!]\s*)?(?:以下是|下面是)?(?:续写(?:内容|的内容|部分)?|继续写|接续内容)(?:如下)?[：:]\s*/;
const ACK_INLINE = /^\s*(?:好的|当然|没问题|可以)[，,。！!]\s*/;
const QUOTES: Record<string, string> = { '“': '”', '"': '"', '「': '」', '『': '』', "'": "'", '‘': '’' };
/** longest head ever held: beyond it nothing above can still apply */
const HEAD_MAX = 240;
const ECHO_WINDOW = 200;

/**
 * The head as it will be shown once it is decided, or null while more text may change the decision.
 * `ended`: no more text will come. Re-run on the (bounded) head only.
 */
export function decideHead(head: string, ctx: HeadContext, ended: boolean): string | null {
  const final = ended || head.length >= HEAD_MAX;
  let t = head.replace(/\r/g, '');
  const lead = /^\s*/.exec(t)![0];
  if (lead === t && !final) return null;
  // An answer may open the next paragraph (……如下： → "\n一、"): keep that one break, unless the cursor
  // already stands at the start of an empty line.
  const para = /^[ \t]*\n/.test(t) && ctx.before !== '' && !ctx.before.endsWith('\n') && ctx.maxChars > 1;
  t = t.slice(lead.length);
  if (t.startsWith('`')) {
    if (!final && !t.includes('\n') && '```'.startsWith(t.slice(0, 3))) return null;
    t = t.replace(/^```[^\n]*\n?/, '');
  }
  // a chatter opener is decided when its line is complete (or long enough that no preamble line fits)
  const mayOpen = (x: string): boolean => {
    const lower = x.toLowerCase();
    return !final && !x.includes('\n') && x.length < 40 && OPENERS.some((o) => lower.startsWith(o) || o.startsWith(lower));
  };
  if (mayOpen(t)) return null;
  const nl = t.indexOf('\n');
  if (nl >= 0 && PREAMBLE_LINE.test(t.slice(0, nl))) {
    t = t.slice(nl + 1).replace(/^\s+/, '');
    if (mayOpen(t)) return null;
  }
  t = t.replace(PREAMBLE_INLINE, '').replace(ACK_INLINE, '').replace(/^\s+/, '');
  if (!t && !final) return null;
  const close = QUOTES[t[0]];
  if (close) {
    const j = t.indexOf(close, 1);
    const inner = j > 0 ? t.slice(1, j) : '';
    const wrapper = j > 0 && !/\S/.test(t.slice(j + 1)) && !inner.includes(t[0]) && !inner.includes(close);
    if (!final && (j < 0 || wrapper)) return null; // a wrapper is known only when nothing follows it
    if (wrapper) t = inner;
  }
  const before = para ? ctx.before + '\n' : ctx.before;
  const window = before.slice(-ECHO_WINDOW);
  if (!final && t.length < ECHO_WINDOW && window.includes(t)) return null;
  for (let n = Math.min(t.length, window.length); n >= 4; n--) {
    if (before.endsWith(t.slice(0, n))) { t = t.slice(n); break; }
  }
  t = t.replace(/^[ \t]+/, '');
  return para && t ? '\n' + t : t;
}

/** Markdown emphasis (`**`) out, before anything looks at the words; `__` stays (blanks to fill in a 公文). */
export async function* emphasis(source: AsyncIterable<string>): AsyncGenerator<string> {
  let star = false; // a '*' at the end of the last chunk: maybe half of '**'
  for await (const chunk of source) {
    let s: string = (star ? '*' : '') + chunk;
    s = s.replace(/\*\*/g, '');
    star = s.endsWith('*');
    if (star) s = s.slice(0, -1);
    if (s) yield s;
  }
  if (star) yield '*';
}

/** Holds the head of the answer until decideHead has decided it, then lets text through. */
export async function* leadingChatter(source: AsyncIterable<string>, ctx: HeadContext): AsyncGenerator<string> {
  let head = '';
  let decided = false;
  for await (const chunk of source) {
    if (decided) { yield chunk; continue; }
    head += chunk;
    const t = decideHead(head, ctx, false);
    if (t === null) continue;
    decided = true;
    if (t) yield t;
  }
  if (!decided) {
    const t = decideHead(head, ctx, true);
    if (t) yield t;
  }
}

// Trailing chatter, seen at the start of a sentence. Definite: no 公文 sentence starts so. Maybe: a
// sentence that starts so is chatter only when it also speaks to the user (如需修改请告诉我), while
// 如有疑问，请与我局联系。 is the document's own.
const DEFINITE = ['希望以上', '希望这', '希望上述', '希望本', '希望能', '希望对', '注：', '注:', '备注：', '备注:', '（注', '(注', '说明：',
  'note:', 'hope ', 'i hope', 'let me', 'if you', '祝您', '需要我', '请告诉我', '如果您', '如果你', '---', '```', '***'];
const MAYBE = ['以上', '如需', '如有', '如果', '若需', '若有', '若您', '有任何'];
// (not 希望 or 随时 alone: 希望各单位……, 请随时报告 are the document's own words)
const SPEAKS_TO_USER = /续写|补全|告诉我|需要我|我(?:可以|将|会|来|再)|为您|对您|有所帮助/;
const START_WORDS = [...DEFINITE, ...MAYBE];
const SENTENCE_END = /[。！？!?\n]/;
const ENDS_SENTENCE = new Set('。！？!?');
const MARKER = /^[ \t]*(?:#{1,6}[ \t]+|[-*+][ \t]+|>[ \t]?)/;
const MAYBE_MARKER = /^[ \t]*(?:#{0,6}|[-*+>])$/;

type Probe = 'more' | 'stop' | string;

/** Decides a sentence start (and, at a line start, its markdown marker): more text needed, chatter, or the text. */
function decideStart(probe: string, lineStart: boolean, ended: boolean): Probe {
  let t = probe;
  if (lineStart) {
    if (!ended && MAYBE_MARKER.test(t)) return 'more';
    t = t.replace(MARKER, '');
  }
  const rest = t.replace(/^[ \t]+/, '').toLowerCase();
  if (DEFINITE.some((w) => rest.startsWith(w))) return 'stop';
  if (!ended && START_WORDS.some((w) => w.length > rest.length && w.startsWith(rest))) return 'more';
  if (MAYBE.some((w) => rest.startsWith(w))) {
    const end = SENTENCE_END.exec(rest);
    if (!end && !ended && rest.length < 80) return 'more';
    if (SPEAKS_TO_USER.test(end ? rest.slice(0, end.index) : rest)) return 'stop';
  }
  return t;
}

/**
 * Markdown line markers out, spaces at line ends and runs of blank lines collapsed, and the
 * answer ended where trailing chatter starts (the stream stops there: the answer is complete).
 */
export async function* trailingChatter(source: AsyncIterable<string>): AsyncGenerator<string> {
  let probe = '';
  let probing = true;
  let lineStart = true;
  let spaces = '';
  let newlines = 0;
  for await (const chunk of source) {
    const s = chunk.replace(/\r/g, '');
    let out = '';
    for (const c of s) {
      if (probing) {
        if (c === '\n' && !/\S/.test(probe)) { probe = ''; newlines++; lineStart = true; continue; }
        probe += c;
        const d = decideStart(probe, lineStart, false);
        if (d === 'more') continue;
        if (d === 'stop') { if (out) yield out; return; }
        probing = false;
        lineStart = false;
        probe = '';
        out += '\n'.repeat(Math.min(newlines, 2));
        newlines = 0;
        out += d;
        if (ENDS_SENTENCE.has(c)) probing = true;
        if (c === '\n') { out = out.slice(0, -1); newlines = 1; probing = true; lineStart = true; }
        continue;
      }
      if (c === ' ' || c === '\t') { spaces += c; continue; }
      if (c === '\n') { spaces = ''; newlines = 1; probing = true; lineStart = true; probe = ''; continue; }
      out += spaces + c;
      spaces = '';
      if (ENDS_SENTENCE.has(c)) { probing = true; probe = ''; }
    }
    if (out) yield out;
  }
  if (probing && probe) {
    const d = decideStart(probe, lineStart, true);
    if (d !== 'stop' && d !== 'more' && d) yield '\n'.repeat(Math.min(newlines, 2)) + d.replace(/[ \t]+$/, '');
  }
}
