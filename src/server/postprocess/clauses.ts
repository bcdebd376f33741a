// Stage 3 of the pipeline: only whole clauses leave, as they complete, up to maxChars (code points).
// A clause ends at a sentence end (。；！？) or a pause (，、：）…); a line break ends one too and is
// kept for the next clause, so a suggestion never ends on, or consists of, a bare line break. Once the
// next clause cannot fit, the stage ends (the upstream is stopped) and the answer is `cut`.
// An upstream that breaks off loses only its unfinished clause: the error passes on after the whole ones.

export const CLAUSE_END = /[。；！？;!?\n]/;
export const CLAUSE_SOFT = /[，、：:,）)”’」』]/;
/** every character after which a clause is whole (a line break is handled on its own) */
const BOUNDARY = new Set('。；！？;!?，、：:,）)”’」』');

export interface ClauseState {
  /** the answer was cut at maxChars (finish reason `length`) */
  cut: boolean;
}

export async function* clauses(source: AsyncIterable<string>, maxChars: number, state: ClauseState): AsyncGenerator<string> {
  let count = 0; // code points let through
  let pending = ''; // the clause being read
  let pendingLen = 0;
  let breaks = ''; // line breaks waiting for the next clause
  for await (const chunk of source) {
    let out = '';
    for (const c of chunk) {
      if (c === '\n') {
        if (pending) {
          if (count + pendingLen > maxChars) { state.cut = true; if (out) yield out; return; }
          out += pending;
          count += pendingLen;
          pending = '';
          pendingLen = 0;
        }
        breaks += '\n';
        continue;
      }
      if (!pending && breaks) { pending = breaks; pendingLen = breaks.length; breaks = ''; }
      pending += c;
      pendingLen++;
      if (count + pendingLen > maxChars) { state.cut = true; if (out) yield out; return; }
      if (BOUNDARY.has(c)) {
        out += pending;
        count += pendingLen;
        pending = '';
        pendingLen = 0;
      }
    }
    if (out) yield out;
  }
  // The stream ended of itself: its last clause is whole even without punctuation.
  if (pending && /\S/.test(pending)) yield pending;
}
