// Annotated strings for tests: `|` is the caret, `[...]` is ghost text right after it,
// '\n' separates paragraphs. Host-agnostic; shared by the Word, WPS and session tests.
//
//   parseAnnotated('特此通知|[。]')  → { text: '特此通知', cursor: 4, ghost: '。' }
//   parseAnnotated('特此通知[。]')   → same: without `|` the caret sits where the ghost starts
//   parseAnnotated('特此通知')       → caret at the end, no ghost
// A literal `|`, `[`, `]` or `\` in the document is written with a backslash: `\|`.

export interface Annotated {
  /** document text WITHOUT the ghost */
  text: string;
  /** caret offset in `text` */
  cursor: number;
  /** ghost text shown right after the caret ('' when none) */
  ghost: string;
}

const SPECIAL = /[|[\]\\]/g;

export function parseAnnotated(s: string): Annotated {
  let text = '';
  let ghost = '';
  let cursor = -1;
  let ghostAt = -1;
  let inGhost = false;
  let ghostDone = false;
  for (let i = 0; i < s.length; i++) {
    let ch = s[i];
    if (ch === '\\') {
      if (i + 1 >= s.length) throw new Error(`annotated: dangling backslash in ${JSON.stringify(s)}`);
      ch = s[++i];
      if (inGhost) ghost += ch;
      else text += ch;
      continue;
    }
    if (ch === '|') {
      if (inGhost) throw new Error(`annotated: caret inside ghost in ${JSON.stringify(s)}`);
      if (cursor >= 0) throw new Error(`annotated: more than one caret in ${JSON.stringify(s)}`);
      cursor = text.length;
    } else if (ch === '[') {
      if (inGhost || ghostDone) throw new Error(`annotated: more than one ghost in ${JSON.stringify(s)}`);
      inGhost = true;
      ghostAt = text.length;
    } else if (ch === ']') {
      if (!inGhost) throw new Error(`annotated: ']' without '[' in ${JSON.stringify(s)}`);
      inGhost = false;
      ghostDone = true;
    } else if (inGhost) {
      ghost += ch;
    } else {
      text += ch;
    }
  }
  if (inGhost) throw new Error(`annotated: unclosed ghost in ${JSON.stringify(s)}`);
  if (cursor < 0) cursor = ghostAt >= 0 ? ghostAt : text.length;
  // The ghost is always right after the caret; anything else is a typo in the test.
  if (ghostAt >= 0 && ghostAt !== cursor) {
    throw new Error(`annotated: ghost must follow the caret in ${JSON.stringify(s)}`);
  }
  return { text, cursor, ghost };
}

function escape(s: string): string {
  return s.replace(SPECIAL, (c) => '\\' + c);
}

/** Inverse of parseAnnotated: always writes the caret; writes `[ghost]` when ghost is non-empty. */
export function formatAnnotated(text: string, cursor: number, ghost?: string): string {
  if (cursor < 0 || cursor > text.length) throw new RangeError(`cursor ${cursor} outside 0..${text.length}`);
  const g = ghost ? `[${escape(ghost)}]` : '';
  return escape(text.slice(0, cursor)) + '|' + g + escape(text.slice(cursor));
}
