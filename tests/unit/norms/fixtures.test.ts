// The labelled set: every planted document gives exactly its labelled finding (rule and span),
// its exact fix turns it back into the correct document, and no correct document gives any.
import fs from 'node:fs';
import path from 'node:path';
import { applyFix, checkNorms, RULES } from '../../../src/norms';

const dir = path.join(__dirname, '../../fixtures/norms');
const gongwen = path.join(__dirname, '../../fixtures/gongwen');
const read = (p: string): string => fs.readFileSync(p, 'utf8');

interface Label { file: string; base: string; rule: string; start: number; end: number; span: string; restores: boolean }
const labels: Label[] = JSON.parse(read(path.join(dir, 'labels.json')));

const correct = [
  ...fs.readdirSync(path.join(dir, 'correct')).map((f) => path.join(dir, 'correct', f)),
  ...fs.readdirSync(gongwen).filter((f) => f.endsWith('.txt')).map((f) => path.join(gongwen, f)),
];

describe('planted errors', () => {
  test.each(labels.map((l) => [l.file, l] as const))('%s: its finding and no other', (_name, l) => {
    const text = read(path.join(dir, 'planted', l.file));
    expect(text.slice(l.start, l.end)).toBe(l.span);
    const findings = checkNorms(text);
    const found = findings.map((f) => ({ rule: f.rule, start: f.start, end: f.end }));
    expect(found).toEqual([{ rule: l.rule, start: l.start, end: l.end }]);
    // every placeholder of its message filled, in both languages
    expect(`${findings[0].message.zh} ${findings[0].message.en}`).not.toMatch(/\{\w+\}/);
  });

  test.each(labels.filter((l) => l.restores).map((l) => [l.file, l] as const))('%s: the fix restores the correct document', (_name, l) => {
    const text = read(path.join(dir, 'planted', l.file));
    const [finding] = checkNorms(text);
    expect(finding.fix).toBeDefined();
    const fixed = applyFix(text, finding);
    expect(fixed).toBe(read(path.join(dir, 'correct', l.base)));
    expect(checkNorms(fixed)).toEqual([]);
  });

  test('every rule has at least one planted case', () => {
    const covered = new Set(labels.map((l) => l.rule));
    expect(RULES.filter((r) => !covered.has(r.id)).map((r) => r.id)).toEqual([]);
  });

  test('the planted files are what make.ts writes from cases.ts (no stale fixture)', () => {
    const { CASES } = require('../../fixtures/norms/cases') as typeof import('../../fixtures/norms/cases');
    expect(CASES.map((c) => `${c.id}.txt`)).toEqual(labels.map((l) => l.file));
    expect(fs.readdirSync(path.join(dir, 'planted')).sort()).toEqual(labels.map((l) => l.file).sort());
  });
});

describe('correct documents', () => {
  test.each(correct.map((p) => [path.basename(p), p] as const))('%s gives no finding', (_name, p) => {
    const text = read(p);
    expect(checkNorms(text).map((f) => `${f.rule} ${text.slice(f.start, f.end)}`)).toEqual([]);
  });
});
