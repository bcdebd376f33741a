import fc from 'fast-check';
import { createMasker, findPii, hasPlaceholder, isResidentId, luhnValid, maskDigest } from '../../src/server/policy/pii';
import { labelledSnippets, score } from '../fixtures/pii';
import { card, makeDigest, residentId } from './helpers';

const arbId = fc.tuple(
  fc.constantFrom('110101', '310104', '440305', '510107'),
  fc.date({ min: new Date('1950-01-01'), max: new Date('2010-12-31'), noInvalidDate: true }),
  fc.integer({ min: 0, max: 999 }),
).map(([r, d, s]) => residentId(r, d.toISOString().slice(0, 10).replace(/-/g, ''), String(s).padStart(3, '0')));
const arbPhone = fc.tuple(fc.constantFrom('13', '15', '17', '18', '19'), fc.integer({ min: 0, max: 999_999_999 }))
  .map(([p, n]) => p + String(n).padStart(9, '0'));
const arbCard = fc.tuple(fc.constantFrom('622202', '621700', '436742'), fc.integer({ min: 16, max: 19 }), fc.bigInt({ min: 0n, max: 10n ** 12n - 1n }))
  .map(([bin, len, n]) => card((bin + n.toString().padStart(12, '0')).slice(0, len - 1).padEnd(len - 1, '0')));
const arbEmail = fc.tuple(fc.stringMatching(/^[a-z][a-z0-9]{1,8}$/), fc.constantFrom('gov.cn', 'example.com.cn', 'qq.com'))
  .map(([u, d]) => `${u}@${d}`);
const arbFiller = fc.constantFrom('联系人：张三，电话', '，身份证号', '。请汇款至账户', '，邮箱', '；', '（', '）', '经核实，');

describe('validators', () => {
  it('accepts a real-format resident ID and rejects a wrong check digit', () => {
    const id = residentId('110101', '19900307', '123');
    expect(isResidentId(id)).toBe(true);
    const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    expect(isResidentId(wrong)).toBe(false);
  });
  it('Luhn', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
  });
});

describe('masking', () => {
  it('replaces each kind with a placeholder and restores it', () => {
    const id = residentId('110101', '19900307', '123');
    const cardNo = card('622202123456789012');
    const text = `联系人张三，身份证号${id}，手机13912345678，银行卡${cardNo}，邮箱zhangsan@example.gov.cn。`;
    const m = createMasker();
    const masked = m.mask(text);
    expect(masked).toBe('联系人张三，身份证号[ID_1]，手机[PHONE_1]，银行卡[CARD_1]，邮箱[EMAIL_1]。');
    expect(m.restore(masked)).toBe(text);
    expect(m.count).toBe(4);
  });

  it('leaves numbers that are not PII alone', () => {
    const m = createMasker();
    const text = '预算12345678901234567元，文号〔2024〕15号，邮编100006，2024年3月1日，第十二条，统一社会信用代码91110000600037341T';
    // an amount, a document number, a postcode, a date, an article, an organisation's code
    expect(m.mask(text)).toBe(text);
  });

  it('masks a landline and the contact person of a 通知 contact line (issue 15)', () => {
    const m = createMasker();
    expect(m.mask('联系人：李××，联系电话：010-6601××××。')).toBe('联系人：[NAME_1]，联系电话：[PHONE_1]。');
    expect(m.counts()).toEqual({ NAME: 1, PHONE: 1 });
  });

  it('masks an ID-shaped number whatever its check digit, and 15-digit old IDs', () => {
    const id = residentId('110101', '19900307', '123');
    const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    const m = createMasker();
    expect(m.mask(`身份证号${wrong}，旧证号110101900307123。`)).toBe('身份证号[ID_1]，旧证号[ID_2]。');
  });

  it('accepts card numbers written in groups of four', () => {
    const c = card('622202123456789');
    const grouped = c.replace(/(\d{4})(?=\d)/g, '$1 ');
    const m = createMasker();
    expect(m.mask(`卡号${grouped}。`)).toBe('卡号[CARD_1]。');
  });

  it('never lets a generated value through and always restores exactly (property)', () => {
    // values separated by text, as in a document (two numbers glued together are one other number)
    const arbParts = fc.array(fc.tuple(fc.oneof(arbId, arbPhone, arbCard, arbEmail), arbFiller), { maxLength: 8 }).map((xs) => xs.flat());
    fc.assert(fc.property(arbParts, (parts) => {
      const text = parts.join('');
      const m = createMasker();
      const masked = m.mask(text);
      for (const p of parts) {
        if (/\d{11,}|@/.test(p) && masked.includes(p)) return false;
      }
      return m.restore(masked) === text;
    }));
  });

  it('masks every text field of a digest with one consistent mapping', () => {
    const phone = '13800138000';
    const { digest, masker } = maskDigest(makeDigest({ before: `请联系${phone}。`, after: `或${phone}`, title: `关于${phone}的通知`, facts: { dates: [], orgs: [], amounts: [], names: [phone], attachments: [] } }));
    expect(JSON.stringify(digest)).not.toContain(phone);
    expect(digest.before).toBe('请联系[PHONE_1]。');
    expect(digest.after).toBe('或[PHONE_1]');
    expect(masker.restore('拨打［PHONE_1］')).toBe(`拨打${phone}`);
  });
});

describe('the masker on any input (properties)', () => {
  const arbPii = fc.oneof(arbId, arbPhone, arbCard, arbEmail,
    fc.constantFrom('联系人：李××，', '经办人：欧阳小明 ', '010-6601××××', '(0871)6123456', '护照号码：E12345678', '[PHONE_1]', '［NAME_2］'));
  // any text (lone surrogates, controls, full-width digits) with PII values and placeholder-like words in it
  const arbText = fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.string({ unit: fc.constantFrom(...'0123456789０１２３ -×@.（）：，、联系人电话手机'), maxLength: 30 }), arbPii), { maxLength: 10 })
    .map((xs) => xs.join(''));

  it('never throws, and restoring what it masked gives the text back exactly', () => {
    fc.assert(fc.property(arbText, (text) => {
      const m = createMasker();
      const masked = m.mask(text);
      return m.restore(masked) === text;
    }), { numRuns: 2000 });
  });

  it('a placeholder it never issued stays a placeholder, which the service then refuses to show', () => {
    fc.assert(fc.property(arbText, fc.constantFrom('ID', 'PHONE', 'CARD', 'EMAIL', 'PASSPORT', 'NAME'), (text, kind) => {
      const m = createMasker();
      m.mask(text);
      const invented = `[${kind}_${m.count + 99}]`;
      return hasPlaceholder(m.restore(`请与${invented}联系。`));
    }));
  });

  it('the masked digest is never larger than the one received, in characters or UTF-8 bytes', () => {
    const arbShort = fc.oneof(fc.constantFrom('联系人：李四，', '经办人：王五、赵六', 'a@b.cn ', '联系人：张三 a1@b2.cn'), arbText);
    fc.assert(fc.property(fc.array(arbShort, { maxLength: 40 }).map((xs) => xs.join('')), fc.array(arbShort, { maxLength: 5 }).map((xs) => xs.join('')), (before, title) => {
      const original = makeDigest({ before, title, after: before.slice(0, 50) });
      const { digest } = maskDigest(original);
      const a = JSON.stringify(original), b = JSON.stringify(digest);
      return b.length <= a.length && Buffer.byteLength(b) <= Buffer.byteLength(a);
    }), { numRuns: 500 });
  });
});

describe('the labelled set (tests/fixtures/pii/labelled.txt)', () => {
  it('has at least 200 snippets, and the masker finds every labelled value and nothing else', () => {
    const snippets = labelledSnippets();
    expect(snippets.length).toBeGreaterThanOrEqual(200);
    expect(snippets.filter((s) => s.values.length).length).toBeGreaterThanOrEqual(100);
    expect(snippets.filter((s) => !s.values.length).length).toBeGreaterThanOrEqual(100);
    const r = score(snippets, findPii);
    expect({ missed: r.missed, recall: r.recall }).toEqual({ missed: [], recall: 1 });
    expect(r.precision).toBeGreaterThanOrEqual(0.98);
  });
});
