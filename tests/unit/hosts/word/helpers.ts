// Test helpers: a simulator plus a WordHost on it, and the document as an annotated string.
import { WordHost } from '../../../../src/hosts/word/WordHost';
import { formatAnnotated } from '../../../../src/simulators/annotated';
import { createWordSimulator } from '../../../../src/simulators/word/WordSimulator';
import type { WordSimOptions, WordSimulation } from '../../../../src/simulators/word/WordSimulator';

export function setup(doc: string, opts: WordSimOptions = {}, hostOpts: Partial<ConstructorParameters<typeof WordHost>[0]> = {}) {
  const sim = createWordSimulator({ doc, ...opts });
  const host = new WordHost({ Word: sim.Word, Office: sim.Office, pollMs: 0, ...hostOpts });
  return { sim, host };
}

/** the document as '特此通知|[。]': ghost runs in [], caret as | (ghost must follow the caret) */
export function annotated(sim: WordSimulation): string {
  const snap = sim.snapshot();
  let text = '';
  let ghost = '';
  let ghostAt = -1;
  let pos = 0;
  let caret = -1;
  const caretAt = snap.selection.start;
  snap.paragraphs.forEach((runs, i) => {
    if (i > 0) {
      if (pos === caretAt && caret < 0) caret = text.length;
      text += '\n';
      pos++;
    }
    for (const r of runs) {
      for (const ch of r.text) {
        if (pos === caretAt && caret < 0) caret = text.length;
        if (r.ghost) {
          if (ghostAt < 0) ghostAt = text.length;
          else if (ghostAt !== text.length) throw new Error('two ghosts');
          ghost += ch;
        } else text += ch;
        pos++;
      }
    }
  });
  if (caret < 0) caret = text.length;
  if (ghost && ghostAt !== caret) throw new Error(`ghost at ${ghostAt} but caret at ${caret}: ${sim.text()}`);
  return formatAnnotated(text, caret, ghost);
}
