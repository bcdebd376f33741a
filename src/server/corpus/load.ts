// Loads the organisation corpus: every document under a folder that we can read as text.
// Read: .txt, .md, .docx (fflate + the XML's text runs), .pdf (text layer, pdfjs-dist). Not read: .doc, .wps (binary Word/WPS formats) and .ofd — they are reported as
// skipped, by file name only, never by content. Other files (images, spreadsheets) are ignored.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';

export type CorpusWarn = (message: string) => void;

export interface CorpusDoc {
  /** path relative to the corpus folder */
  name: string;
  text: string;
}

export interface SkippedFile {
  name: string;
  /** 'unsupported format' | 'unreadable' | 'empty' | 'no PDF reader …' — never anything from the file */
  reason: string;
}

export interface LoadedCorpus {
  docs: CorpusDoc[];
  skipped: SkippedFile[];
}

/** Extensions read as documents. */
export const READ_FORMATS = ['.txt', '.md', '.docx', '.pdf'];
/** Document formats we know and do not read (reported as skipped). */
export const UNREAD_FORMATS = ['.doc', '.wps', '.ofd', '.et', '.dps'];

/** The corpus as texts (what the engine indexes); skipped files are passed to `warn`. */
export async function loadCorpus(dir: string, warn: CorpusWarn = (m) => console.warn(m)): Promise<string[]> {
  const { docs } = await readCorpus(dir, warn);
  return docs.map((d) => d.text);
}

export async function readCorpus(dir: string, warn: CorpusWarn = (m) => console.warn(m)): Promise<LoadedCorpus> {
  const docs: CorpusDoc[] = [];
  const skipped: SkippedFile[] = [];
  const skip = (file: string, reason: string): void => {
    const name = path.relative(dir, file);
    skipped.push({ name, reason });
    warn(`corpus: skipped ${name}: ${reason}`);
  };
  for (const file of (await listFiles(dir, warn)).sort()) {
    const ext = path.extname(file).toLowerCase();
    if (UNREAD_FORMATS.includes(ext)) { skip(file, 'unsupported format'); continue; }
    try {
      const text = normalise(await readText(file, ext));
      if (text) docs.push({ name: path.relative(dir, file), text });
      else skip(file, 'empty');
    } catch (err) {
      skip(file, err instanceof NoPdfReader ? 'no PDF reader (install pdfjs-dist)' : 'unreadable');
    }
  }
  return { docs, skipped };
}

async function readText(file: string, ext: string): Promise<string> {
  if (ext === '.docx') return docxText(await fs.readFile(file));
  if (ext === '.pdf') return pdfText(await fs.readFile(file));
  return fs.readFile(file, 'utf8');
}

/** Every file under `dir` with a read or known-unread extension. */
export async function listFiles(dir: string, warn: CorpusWarn): Promise<string[]> {
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
    const ext = path.extname(e.name).toLowerCase();
    if (e.isDirectory()) files.push(...(await listFiles(p, warn)));
    // Word lock files (~$…) and a folder's README are not documents.
    else if (e.isFile() && !e.name.startsWith('~$') && !/^readme\.md$/i.test(e.name) && (READ_FORMATS.includes(ext) || UNREAD_FORMATS.includes(ext))) files.push(p);
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

/**
 * Text layer of a .pdf, one paragraph a line, via pdfjs-dist (Mozilla's PDF.js: the well-kept reader;
 * 41 MB on disk, imported only when a corpus holds a PDF). Its ESM build is imported the way Node
 * imports it (the specifier in a variable keeps bundlers from inlining it); an install without it skips
 * PDFs by name. Scanned PDFs have no text layer and come out empty.
 */
export async function pdfText(data: Uint8Array): Promise<string> {
  const specifier = 'pdfjs-dist/legacy/build/pdf.mjs';
  const pdfjs = (await quietly(() => import(specifier)).catch(() => { throw new NoPdfReader(); })) as {
    getDocument(o: object): { promise: Promise<{ numPages: number; getPage(n: number): Promise<{ getTextContent(): Promise<{ items: Array<{ str?: string; hasEOL?: boolean }> }> }> }> };
  };
  // verbosity 0: pdf.js would print its warnings ("Indexing all PDF objects") on stdout, among the log's JSON lines
  const doc = await pdfjs.getDocument({ data: new Uint8Array(data), isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
  const paragraphs: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    const lines: string[] = [];
    let line = '';
    for (const item of content.items) {
      line += item.str ?? '';
      if (item.hasEOL) { lines.push(line); line = ''; }
    }
    if (line) lines.push(line);
    paragraphs.push(...joinWrappedLines(lines));
  }
  return paragraphs.join('\n');
}

/**
 * A PDF knows lines, not paragraphs. In a justified 公文 every line of a paragraph but its last runs
 * the full width, so a line about as long as the page's longest that does not end a sentence goes on
 * in the next line; a short line (title, heading, 落款, a paragraph's last) ends where it ends.
 */
export function joinWrappedLines(lines: readonly string[]): string[] {
  const widest = Math.max(0, ...lines.map((l) => Array.from(l.trim()).length));
  const out: string[] = [];
  let open = false;
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) { open = false; continue; }
    if (open) out[out.length - 1] += line;
    else out.push(line);
    open = Array.from(line).length >= widest * 0.9 && !/[。！？：；:;!?]$/.test(line);
  }
  return out;
}

class NoPdfReader extends Error {}

/**
 * pdf.js prints warnings with console.log while its module loads (the optional @napi-rs/canvas that
 * rendering, not text, needs; `npm ci --omit=optional` leaves it out), before any verbosity option can
 * apply: they would land on stdout among the log's JSON lines. The service's own log never uses console.
 */
async function quietly<T>(load: () => Promise<T>): Promise<T> {
  const log = console.log;
  console.log = () => undefined;
  try {
    return await load();
  } finally {
    console.log = log;
  }
}

function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#(\d+)|#x([0-9a-fA-F]+));/g, (_, name: string, dec?: string, hex?: string) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[name];
  });
}

function normalise(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(/[ \t\u3000]*\n[ \t\u3000]*/g, '\n').replace(/\n{2,}/g, '\n').trim();
}
