// The corpus index cache: an unchanged folder loads from disk with the same index; a changed file
// is read again. Passages come back within their budget.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCorpus } from '../../src/server/corpus';

const fixture = path.join(__dirname, '../fixtures/corpus');

describe('openCorpus', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'banxie-corpus-index-'));
  const dir = path.join(tmp, 'docs');
  const cacheDir = path.join(tmp, 'cache');
  beforeAll(() => fs.cpSync(fixture, dir, { recursive: true }));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const quiet = { cacheDir, warn: () => undefined };

  it('indexes once, then loads the same index from the cache', async () => {
    const first = await openCorpus(dir, quiet);
    const second = await openCorpus(dir, quiet);
    expect(first!.stats.cached).toBe(false);
    expect(second!.stats.cached).toBe(true);
    expect(second!.index.text).toBe(first!.index.text);
    expect(Array.from(second!.index.sa)).toEqual(Array.from(first!.index.sa));
    expect(second!.stats.skipped.map((s) => s.name)).toEqual(['broken.docx', 'old-format.doc']);
  });

  it('reads the folder again when a file changed', async () => {
    fs.appendFileSync(path.join(dir, 'qinghe-baogao.txt'), '\n附：值班表另发。');
    const c = await openCorpus(dir, quiet);
    expect(c!.stats.cached).toBe(false);
    expect(c!.index.text).toContain('值班表另发');
  });

  it('returns at most k passages within the budget, the most similar first', async () => {
    const c = (await openCorpus(dir, quiet))!;
    const found = c.passages('各街道要压实防汛责任，逐级签订防汛', 2, 300);
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThanOrEqual(2);
    expect(found.join('').length).toBeLessThanOrEqual(300);
    expect(found[0]).toContain('防汛责任书');
  });
});
