// Loads the organisation corpus for the built-in engine: every .txt and .docx under a folder.
// Unreadable files are skipped with a warning that names the file but never its content.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';

export type CorpusWarn = (message: string) => void;

export async function loadCorpus(dir: string, warn: CorpusWarn = (m) => console.warn(m)): Promise<string[]> {
  const out: string[] = [];
  for (const file of (await listFiles(dir, warn)).sort()) {
    const ext = path.extname(file).toLowerCase();
    try {
      if (ext === '.txt') out.push(normalise(await fs.readFile(file, 'utf8')));
      else if (ext === '.docx') out.push(normalise(docxText(await fs.readFile(file))));
    } catch (err) {
      warn(`corpus: skipped ${path.relative(dir, file)}: ${(err as Error).name}`);
    }
  }
  return out.filter((t) => t.length > 0);
}

async function listFiles(dir: string, warn: CorpusWarn): Promise<string[]> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (err) {
    warn(`corpus: cannot read folder ${dir}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
    return [];
  }
  const files: string[] = [];
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) files.push(...(await listFiles(p, warn)));
    else if (e.isFile() && /\.(txt|docx)$/i.test(e.name) && !e.name.startsWith('~$')) files.push(p);
  }
  return files;
}

/** Text of a .docx: the paragraphs of word/document.xml, one per line. */
export function docxText(data: Uint8Array): string {
  const files = unzipSync(data, { filter: (f) => f.name === 'word/document.xml' });
  const xml = files['word/document.xml'];
  if (!xml) throw new Error('no word/document.xml');
  const doc = strFromU8(xml);
  const paras: string[] = [];
  for (const p of doc.split(/<\/w:p>/)) {
    let text = '';
    // Runs of text, tabs and breaks in document order; everything else is layout.
    for (const m of p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:(tab|br)\b[^>]*\/>/g)) {
      if (m[1] !== undefined) text += m[1];
      else text += m[2] === 'tab' ? '\t' : '\n';
    }
    if (/<w:p[\s>]/.test(p)) paras.push(unescapeXml(text));
  }
  return paras.join('\n');
}

function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#(\d+)|#x([0-9a-fA-F]+));/g, (_, name: string, dec?: string, hex?: string) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[name];
  });
}

function normalise(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(/\n{2,}/g, '\n').trim();
}
