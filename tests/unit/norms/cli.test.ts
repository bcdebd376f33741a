// `npm run norms -- FILE... --json`: .txt (CRLF line ends read as '\n') and .docx, offsets into
// the text as read, one JSON object last.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';

const root = path.join(__dirname, '../../..');
const planted = fs.readFileSync(path.join(root, 'tests/fixtures/norms/planted/docnumber-square.txt'), 'utf8');

function docx(paragraphs: string[]): Uint8Array {
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</w:t></w:r></w:p>`).join('');
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
  return zipSync({ 'word/document.xml': strToU8(xml), '[Content_Types].xml': strToU8('<Types/>') });
}

test('txt with CRLF and docx: findings with offsets into the text as read, JSON last', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'norms-cli-'));
  const txt = path.join(dir, 'draft.txt');
  fs.writeFileSync(txt, '\uFEFF' + planted.replace(/\n/g, '\r\n'));
  const word = path.join(dir, 'draft.docx');
  fs.writeFileSync(word, docx(planted.replace('（此件公开发布）', '此件公开发布').split('\n')));
  const stdout = execFileSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'scripts/norms.ts'), txt, word, '--json', '--lang', 'en'],
    { cwd: root, encoding: 'utf8' });
  const lines = stdout.trim().split('\n');
  const result = JSON.parse(lines[lines.length - 1]);
  expect(result.files.map((f: { file: string }) => f.file)).toEqual([txt, word]);
  const [t, d] = result.files;
  const at = planted.indexOf('[2025]');
  expect(t.findings).toEqual([{ rule: 'docnumber-brackets', severity: 'error', start: at, end: at + 6,
    message: 'The year of a document number goes in 〔〕 brackets, not 「[]」', fix: '〔2025〕' }]);
  expect(d.findings.map((f: { rule: string }) => f.rule)).toEqual(['docnumber-brackets', 'note-parentheses']);
  const docText = planted.replace('（此件公开发布）', '此件公开发布');
  const note = d.findings[1];
  expect(docText.slice(note.start, note.end)).toBe('此件公开发布');
  expect(note.fix).toBe('（此件公开发布）');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a file it cannot read: exit 2 and a sentence naming it', () => {
  let status = 0;
  let stderr = '';
  try {
    execFileSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'scripts/norms.ts'), 'missing.pdf'], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
  } catch (err) {
    status = (err as { status: number }).status;
    stderr = String((err as { stderr: string }).stderr);
  }
  expect(status).toBe(2);
  expect(stderr).toContain('missing.pdf');
});
