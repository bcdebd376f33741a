// Shared test helpers: a full digest from a few fields, and configs pointing at a fake upstream.
import fs from 'node:fs';
import path from 'node:path';
import type { ContextDigest } from '../../src/core/protocol';
import { resolveConfig, type ServerConfig } from '../../src/server/config';
import { luhnValid } from '../../src/server/policy/pii';

export function makeDigest(p: Partial<ContextDigest> = {}): ContextDigest {
  return {
    docType: '通知', title: '关于开展安全生产检查的通知', issuer: '某市应急管理局', recipients: '各区应急管理局',
    docNumber: '', signer: '', cc: '', urgency: '', classification: null, classificationPeriod: '',
    outline: [], section: [], nextOrdinals: {},
    facts: { dates: [], orgs: [], amounts: [], names: [], attachments: [] },
    before: '为切实做好安全生产工作，现将有关事项通知如下：\n一、总体要求\n', after: '', budgetChars: 2000,
    ...p,
  };
}

/** A config with the builtin model plus `ext` (external) and `lan` (local) models at the fake upstream. */
export function upstreamConfig(baseUrl: string, extra: Record<string, unknown> = {}): ServerConfig {
  return resolveConfig({
    models: [
      { id: 'builtin', provider: 'builtin' },
      { id: 'ext', preset: 'generic', baseUrl, model: 'fake-chat', residency: 'external', apiKeyEnv: 'BANXIE_TEST_KEY' },
      { id: 'lan', preset: 'generic', baseUrl, model: 'fake-chat', residency: 'local' },
      { id: 'ext-fim', preset: 'generic', baseUrl, model: 'fake-fim', residency: 'external', mode: 'fim' },
    ],
    upstreamTimeoutMs: 1500,
    ...extra,
  });
}

export function completionBody(model: string, p: Partial<ContextDigest> = {}, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { requestId: 'req-1', model, maxChars: 40, digest: makeDigest(p), ...extra };
}

const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** A synthetic resident ID in the real format: region + birth date + sequence + GB 11643 check digit. */
export function residentId(region: string, date: string, seq: string): string {
  const body = region + date + seq;
  const sum = Array.from(body).reduce((s, d, i) => s + Number(d) * W[i], 0);
  return body + '10X98765432'[sum % 11];
}
/** A synthetic card number with a valid Luhn digit. */
export function card(prefix: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(prefix + d)) return prefix + d;
  throw new Error('unreachable');
}


/** Every line of the audit files that AuditLog rolls daily (audit.YYYY-MM-DD.N.jsonl) in `dir`, oldest file first. */
export function auditLines(dir: string): string[] {
  return fs.readdirSync(dir).filter((n) => /^audit\..*\.jsonl$/.test(n)).sort()
    .flatMap((n) => fs.readFileSync(path.join(dir, n), 'utf8').split('\n').filter(Boolean));
}
