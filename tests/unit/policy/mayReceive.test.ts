// The one rule of which model may receive which document (core/policy), as the pane, /v1/models and the
// service's guard all apply it: the same verdicts from a server ModelConfig and from a pane's ModelInfo.
import { digestMarking, mayReceive, mayReceiveMarking, policyOf, STRICT_RECEIVE_POLICY, type ReceivePolicy } from '../../../src/core/policy';
import type { ContextDigest } from '../../../src/core/protocol';

const digest = (p: Partial<ContextDigest> = {}): ContextDigest => ({
  docType: '通知', title: '关于开展检查的通知', issuer: '', recipients: '', docNumber: '', signer: '', cc: '', urgency: '',
  classification: null, classificationPeriod: '', outline: [], section: [], nextOrdinals: {},
  facts: { dates: [], orgs: [], amounts: [], names: [], attachments: [] }, before: '各单位：\n', after: '', budgetChars: 2000, ...p,
});
const lenient: ReceivePolicy = { classifiedResidencies: ['builtin', 'local'], restrictedAsClassified: false };

test('an unmarked document goes anywhere; a classified one only to the allowed residencies', () => {
  expect(mayReceive({ residency: 'external' }, digest(), STRICT_RECEIVE_POLICY)).toBe(true);
  const marked = digest({ before: '秘密★1年\n关于开展检查的通知\n' });
  expect(mayReceive({ residency: 'external' }, marked, STRICT_RECEIVE_POLICY)).toBe(false);
  expect(mayReceive({ residency: 'intranet' }, marked, STRICT_RECEIVE_POLICY)).toBe(false);
  expect(mayReceive({ residency: 'local' }, marked, STRICT_RECEIVE_POLICY)).toBe(true);
  expect(mayReceive({ residency: 'builtin' }, marked, STRICT_RECEIVE_POLICY)).toBe(true);
});

test('a model the admin narrowed (acceptsClassified: false) never receives a marked document', () => {
  expect(mayReceiveMarking({ residency: 'local', acceptsClassified: false }, '秘密', STRICT_RECEIVE_POLICY)).toBe(false);
  expect(mayReceiveMarking({ residency: 'local', acceptsClassified: false }, null, STRICT_RECEIVE_POLICY)).toBe(true);
});

test('内部 goes out only when the admin lets restricted documents through; a more severe marking never', () => {
  expect(mayReceiveMarking({ residency: 'external' }, '内部', STRICT_RECEIVE_POLICY)).toBe(false);
  expect(mayReceiveMarking({ residency: 'external' }, '内部', lenient)).toBe(true);
  expect(mayReceive({ residency: 'external' }, digest({ classification: '内部', issuer: '机密★10年' }), lenient)).toBe(false);
});

test('the binding marking is the declared one or any found in a prompt field, the most severe', () => {
  expect(digestMarking(digest({ classification: '内部' }))).toBe('内部');
  expect(digestMarking(digest({ classification: '秘密', recipients: '绝密★长期' }))).toBe('绝密');
  expect(digestMarking(digest({ section: [{ level: 1, ordinal: '机', text: '密★5年' }] }))).toBe('机密');
  expect(digestMarking(digest({ facts: { dates: [], orgs: [], amounts: [], names: [], attachments: ['涉密'] } }))).toBe('涉密');
  expect(digestMarking(digest({ before: '各单位要严守国家秘密。' }))).toBeNull();
});

test('the pane and the service agree: a ModelInfo carrying the published verdict gives the same answer as the ModelConfig', () => {
  for (const residency of ['builtin', 'local', 'intranet', 'external'] as const) {
    for (const marking of [null, '内部', '涉密', '秘密', '机密', '绝密'] as const) {
      for (const policy of [STRICT_RECEIVE_POLICY, lenient]) {
        const published = { residency, acceptsClassified: mayReceiveMarking({ residency }, '绝密', policy) };
        expect(mayReceiveMarking(published, marking, policy)).toBe(mayReceiveMarking({ residency }, marking, policy));
      }
    }
  }
});

test('a list from a service that publishes no policy implies the same verdicts (policyOf)', () => {
  const models = [
    { id: 'b', label: 'b', residency: 'builtin' as const, provider: 'builtin', acceptsClassified: true, needsConsent: false },
    { id: 'l1', label: 'l1', residency: 'local' as const, provider: 'x', acceptsClassified: true, needsConsent: false },
    { id: 'l2', label: 'l2', residency: 'local' as const, provider: 'x', acceptsClassified: false, needsConsent: false }, // narrowed by the admin
    { id: 'i', label: 'i', residency: 'intranet' as const, provider: 'x', acceptsClassified: true, needsConsent: false },
    { id: 'e', label: 'e', residency: 'external' as const, provider: 'x', acceptsClassified: false, needsConsent: true },
  ];
  const published: ReceivePolicy = { classifiedResidencies: ['builtin', 'local', 'intranet'], restrictedAsClassified: true };
  expect(policyOf({ models, policy: published })).toBe(published);
  const implied = policyOf({ models });
  for (const m of models) {
    for (const marking of [null, '内部', '秘密', '绝密'] as const) {
      expect(mayReceiveMarking(m, marking, implied)).toBe(mayReceiveMarking(m, marking, published));
    }
  }
  const lenient = policyOf({ models: models.map((m) => ({ ...m, acceptsRestricted: true })) });
  expect(mayReceiveMarking(models[4], '内部', lenient)).toBe(true);
  expect(mayReceiveMarking(models[4], '秘密', lenient)).toBe(false);
});
