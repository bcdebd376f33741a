// PDFs in the organisation's corpus, read as the service reads them: under Node's own ESM loader
// (pdfjs-dist is ESM-only), in a child process, on a PDF Chromium printed with an embedded CJK font.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { PDF_PARAS } from '../../fixtures/corpus-pdf/make-pdf';

const dir = path.join(__dirname, '../../fixtures/corpus-pdf');

test('a PDF\'s text layer comes back as its paragraphs (the wrapped one joined); a broken PDF is skipped by name', () => {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(dir, 'read.ts'), dir], { encoding: 'utf8', timeout: 60_000 });
  const corpus = JSON.parse(out) as { docs: { text: string }[]; skipped: { name: string; reason: string }[] };
  expect(corpus.docs.map((d) => d.text.split('\n'))).toEqual([PDF_PARAS]);
  expect(corpus.skipped).toEqual([{ name: 'broken.pdf', reason: 'unreadable' }]);
}, 60_000);
