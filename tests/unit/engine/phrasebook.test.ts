import fs from 'node:fs';
import path from 'node:path';
import { PHRASES, phrasebookPhrases } from '../../../src/engine/phrases';
import { DOC_TYPES_WITH_VERB } from './docTypes';

// The phrasebook must be this project's own text: no 20-character run of any evaluation document
// may appear in it. Read at test time only; nothing from these files is stored in the engine.
function evalDocs(): string[] {
  const dirs = ['/work/shared/eval/gongwen', path.join(__dirname, '../../fixtures/gongwen')];
  const dir = dirs.find((d) => fs.existsSync(d));
  if (!dir) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
}

describe('phrasebook', () => {
  const docs = evalDocs();

  it('finds evaluation documents to compare against', () => {
    expect(docs.length).toBeGreaterThan(0);
  });

  it('shares no 20-character run with any evaluation document', () => {
    const runs = new Set<string>();
    for (const doc of docs) for (const line of doc.split('\n')) for (let i = 0; i + 20 <= line.length; i++) runs.add(line.slice(i, i + 20));
    const texts = [...PHRASES, ...DOC_TYPES_WITH_VERB.flatMap((t) => phrasebookPhrases(t))];
    const copied = texts.filter((p) => { for (let i = 0; i + 20 <= p.length; i++) if (runs.has(p.slice(i, i + 20))) return true; return false; });
    expect(copied).toEqual([]);
  });

  it('fills the document type verb into frames', () => {
    expect(phrasebookPhrases('请示')).toContain('现将有关事项请示如下：');
    expect(phrasebookPhrases('函')).toContain('现将有关事项函告如下：');
    expect(phrasebookPhrases('unknown').some((p) => p.includes('〔文种〕') || p.includes('有关事项如下'))).toBe(false);
  });
});
