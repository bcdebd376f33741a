import path from 'node:path';
import fc from 'fast-check';
import { loadCorpus, docxText, joinWrappedLines, readCorpus } from '../../../src/server/corpus/load';
import fs from 'node:fs';

const dir = path.join(__dirname, '../../fixtures/corpus');

describe('loadCorpus', () => {
  it('reads .txt, .md and .docx recursively, skips broken and unread formats with a content-free warning', async () => {
    const warnings: string[] = [];
    const texts = await loadCorpus(dir, (m) => warnings.push(m));
    expect(texts).toHaveLength(4);
    const all = texts.join('\n');
    expect(all).toContain('全区防汛工作部署会议'); // 2023/ subfolder
    expect(all).toContain('特此报告。');
    expect(all).toContain('领导带班制度'); // notes.md
    expect(warnings).toHaveLength(2);
    expect(warnings.join('\n')).toContain('broken.docx');
    expect(warnings.join('\n')).toContain('old-format.doc');
    expect(warnings.join('\n')).not.toContain('not really a zip');
    expect(warnings.join('\n')).not.toContain('not a document');
  });

  it('names each skipped file and why, without its content', async () => {
    const { skipped } = await readCorpus(dir, () => undefined);
    expect(skipped).toEqual([{ name: 'broken.docx', reason: 'unreadable' }, { name: 'old-format.doc', reason: 'unsupported format' }]);
  });

  it('turns .docx paragraphs into lines and joins the runs of one paragraph', () => {
    const text = docxText(fs.readFileSync(path.join(dir, 'qinghe-han.docx')));
    const lines = text.split('\n');
    expect(lines[0]).toBe('清河区应急管理局关于商请提供防汛物资储备信息的函');
    expect(lines[2]).toBe('为做好防汛应急物资统筹调度工作，我局拟建立全区防汛物资储备信息共享台账。恳请贵局提供现有防汛物资储备品种、数量和存放地点等信息，并指定1名联络员。');
    expect(lines).toHaveLength(6);
  });

  it('answers [] with a warning for a folder that does not exist', async () => {
    const warnings: string[] = [];
    expect(await loadCorpus(path.join(dir, 'nope'), (m) => warnings.push(m))).toEqual([]);
    expect(warnings).toHaveLength(1);
  });

  it('joins wrapped PDF lines without losing or adding a character, and never after a sentence end', () => {
    fc.assert(fc.property(fc.array(fc.string({ maxLength: 40 }), { maxLength: 30 }), (lines) => {
      expect(joinWrappedLines(lines).join('')).toBe(lines.map((l) => l.trim()).join(''));
    }));
    fc.assert(fc.property(fc.array(fc.string({ maxLength: 40 }), { maxLength: 30 }), (raw) => {
      const sentences = raw.map((l) => `${l.trim()}。`);
      expect(joinWrappedLines(sentences)).toEqual(sentences);
    }));
  });
});
