// Per-field accuracy of the digest over a labelled folder: `labels.json` lists documents, where the
// cursor stands, and what a clerk says the digest's header fields should be. Shared by
// `npm run digest -- --labelled DIR` and the unit test over tests/fixtures/digest-layouts.
import fs from 'node:fs';
import path from 'node:path';
import { buildDigest } from '../src/core/digest';
import { foldWidth } from '../src/core/digest/chars';
import type { ContextDigest } from '../src/core/protocol';

export const LABELLED_FIELDS = ['docType', 'title', 'docNumber', 'recipients', 'issuer', 'signer'] as const;
export type LabelledField = (typeof LABELLED_FIELDS)[number];

export interface LabelledDoc {
  file: string;
  /** which layout this document stands for (printed, published, cover, carried, …) */
  layout?: string;
  /** the cursor goes right after the first occurrence of this text; default: the middle */
  cursorAt?: string;
  /** a list means any of its values is right */
  expect: Record<LabelledField, string | string[]>;
}

export interface FieldMiss { file: string; layout: string; field: LabelledField; expected: string[]; got: string }

export interface LabelledReport {
  docs: number;
  /** field → share of documents where the digest is right */
  accuracy: Record<LabelledField, number>;
  /** field → share right among the documents whose label is not empty */
  accuracyWhenPresent: Record<LabelledField, number>;
  misses: FieldMiss[];
}

/** Whitespace removed, full-width forms folded: `（试行）` = `(试行)`, `，` = `,`. */
export function sameField(a: string, b: string): boolean {
  const norm = (s: string): string => foldWidth(s).replace(/\s+/g, '').replace(/，/g, ',');
  return norm(a) === norm(b);
}

/** Reads a file as the hosts hand text over: '\n' paragraphs, no BOM. */
export function readDocument(file: string): string {
  return fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

export function cursorFor(text: string, doc: Pick<LabelledDoc, 'cursorAt' | 'file'>): number {
  if (doc.cursorAt === undefined) return Math.floor(text.length / 2);
  const at = text.indexOf(doc.cursorAt);
  if (at < 0) throw new Error(`${doc.file}: cursorAt text not found`);
  return at + doc.cursorAt.length;
}

export function loadLabels(dir: string): LabelledDoc[] {
  const parsed = JSON.parse(fs.readFileSync(path.join(dir, 'labels.json'), 'utf8')) as { docs: LabelledDoc[] };
  return parsed.docs;
}

export function digestOfLabelled(dir: string, doc: LabelledDoc): ContextDigest {
  const text = readDocument(path.join(dir, doc.file));
  return buildDigest(text, cursorFor(text, doc));
}

export function scoreLabelled(dir: string, docs: readonly LabelledDoc[] = loadLabels(dir)): LabelledReport {
  const right = Object.fromEntries(LABELLED_FIELDS.map((f) => [f, 0])) as Record<LabelledField, number>;
  const rightPresent = { ...right };
  const present = { ...right };
  const misses: FieldMiss[] = [];
  for (const doc of docs) {
    const d = digestOfLabelled(dir, doc);
    for (const field of LABELLED_FIELDS) {
      const expected = ([] as string[]).concat(doc.expect[field]);
      const got = String(d[field] ?? '');
      const ok = expected.some((e) => sameField(e, got));
      const hasValue = expected.some((e) => e !== '' && e !== 'unknown');
      if (hasValue) present[field]++;
      if (ok) { right[field]++; if (hasValue) rightPresent[field]++; } else {
        misses.push({ file: doc.file, layout: doc.layout ?? '', field, expected, got });
      }
    }
  }
  const ratio = (a: number, b: number): number => (b === 0 ? 1 : Math.round((a / b) * 1000) / 1000);
  const accuracy = { ...right };
  const accuracyWhenPresent = { ...right };
  for (const f of LABELLED_FIELDS) {
    accuracy[f] = ratio(right[f], docs.length);
    accuracyWhenPresent[f] = ratio(rightPresent[f], present[f]);
  }
  return { docs: docs.length, accuracy, accuracyWhenPresent, misses };
}
