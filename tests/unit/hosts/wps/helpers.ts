// Test helpers for the WPS side: a simulator set up from an annotated string, and its state read
// back as one ("特此通知|[。]": caret, then grey ghost).
import { formatAnnotated, parseAnnotated } from '../../../../src/simulators/annotated';
import type { SimulatedDocument } from '../../../../src/simulators/SimulatedDocument';
import { createWpsSimulator, type WpsSimOptions, type WpsSimulator } from '../../../../src/simulators/wps/WpsSimulator';

export function simFrom(annotated: string, options: WpsSimOptions = {}): WpsSimulator {
  const a = parseAnnotated(annotated);
  if (a.ghost) throw new Error('simFrom: a fresh document has no ghost');
  const sim = createWpsSimulator({ ...options, text: a.text });
  sim.user.select(a.cursor);
  return sim;
}

/** the document as the person sees it, in annotated form */
export function view(doc: SimulatedDocument): string {
  const snap = doc.snapshot();
  let text = '';
  let ghost = '';
  let ghostAt = -1;
  let full = 0;
  const at = snap.selection.start;
  let caret = at;
  snap.paragraphs.forEach((runs, i) => {
    if (i > 0) {
      text += '\n';
      full++;
    }
    for (const r of runs) {
      if (r.ghost) {
        if (ghostAt < 0) ghostAt = text.length;
        else if (ghostAt + ghost.length !== text.length) throw new Error('view: two ghosts');
        ghost += r.text;
        if (at > full) caret -= Math.min(r.text.length, at - full);
      } else text += r.text;
      full += r.text.length;
    }
  });
  if (ghost && ghostAt !== caret) return `${formatAnnotated(text, caret)} (ghost "${ghost}" at ${ghostAt})`;
  return formatAnnotated(text, caret, ghost);
}
