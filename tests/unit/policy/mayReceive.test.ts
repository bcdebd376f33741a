// The one rule of which model may receive which document (core/policy), as the pane, /v1/models and the
// service's guard all apply it: the same verdicts from a server ModelConfig and from a pane's ModelInfo.
import { digestMarking, mayReceive, mayReceiveMarking, STRICT_RECEIVE_POLICY, type ReceivePolicy } from '../../../src/core/policy';
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
