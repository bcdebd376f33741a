// The GB 45438-2025 label's JSON (src/core/aigc.ts): the standard's keys, the running totals, a content
// ID that is made once and kept, and a value that always fits Word's 255-character property.
import fc from 'fast-check';
import { AIGC_MAX_LENGTH, newContentId, nextAigcLabel, parseAigcLabel } from '../../../src/core/aigc';

const STANDARD = ['Label', 'ContentProducer', 'ProduceID', 'ReservedCode1', 'ContentPropagator', 'PropagateID', 'ReservedCode2'];

test('the first label: the seven Annex E keys in order, all strings, then the model and the count', () => {
  const v = nextAigcLabel(null, { model: 'deepseek', chars: 9 }, { producer: '东江省大数据管理局' }, () => 'id-1');
  const o = JSON.parse(v) as Record<string, unknown>;
  expect(Object.keys(o)).toEqual([...STANDARD, 'BanxieModels', 'BanxieChars']);
  expect(o).toEqual({
    Label: '1', ContentProducer: '东江省大数据管理局', ProduceID: 'id-1', ReservedCode1: '', ContentPropagator: '', PropagateID: '', ReservedCode2: '',
    BanxieModels: 'deepseek', BanxieChars: '9',
  });
  expect(Object.values(o).every((x) => typeof x === 'string')).toBe(true);
});

test('later accepts add up, keep the ID, and list each model once with the latest last', () => {
  let v = nextAigcLabel('', { model: 'deepseek', chars: 9 }, { producer: 'P' }, () => 'id-1');
  v = nextAigcLabel(v, { model: 'qwen', chars: 4 }, { producer: 'P' }, () => 'id-2');
  v = nextAigcLabel(v, { model: 'deepseek', chars: 3 }, { producer: 'P' }, () => 'id-3');
  const l = parseAigcLabel(v)!;
  expect(l.fields.ProduceID).toBe('id-1');
  expect(l.models).toEqual(['qwen', 'deepseek']);
  expect(l.chars).toBe(16);
});

test('a label another tool wrote keeps its ID, propagation and reserved fields; a caller\'s content ID is used only when none is there', () => {
  const theirs = JSON.stringify({ Label: '2', ContentProducer: 'X', ProduceID: 'theirs', ReservedCode1: 'sig', ContentPropagator: 'Cloud', PropagateID: 'p1', ReservedCode2: 'sig2' });
  const o = JSON.parse(nextAigcLabel(theirs, { model: 'm', chars: 1 }, { producer: 'P', contentId: 'mine' })) as Record<string, string>;
  expect(o).toMatchObject({ Label: '1', ContentProducer: 'P', ProduceID: 'theirs', ReservedCode1: 'sig', ContentPropagator: 'Cloud', PropagateID: 'p1', ReservedCode2: 'sig2', BanxieChars: '1' });
  expect(JSON.parse(nextAigcLabel('not json', { model: 'm', chars: 1 }, { producer: 'P', contentId: 'mine' })).ProduceID).toBe('mine');
});

test('content IDs are random UUIDs, not derived from anything', () => {
  const a = newContentId();
  expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(newContentId()).not.toBe(a);
});

test('without crypto.randomUUID (IE11, EdgeHTML) the ID is still a v4 UUID, from getRandomValues or else Math.random', () => {
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'crypto')!;
  const v4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  try {
    const web = globalThis.crypto;
    Object.defineProperty(globalThis, 'crypto', { value: { getRandomValues: web.getRandomValues.bind(web) }, configurable: true });
    expect(newContentId()).toMatch(v4);
    Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true });
    const ids = new Set(Array.from({ length: 50 }, () => newContentId()));
    expect([...ids].every((id) => v4.test(id))).toBe(true);
    expect(ids.size).toBe(50);
  } finally {
    Object.defineProperty(globalThis, 'crypto', saved);
  }
});

test('too long: the oldest models go first, then the producer is shortened', () => {
  let v = '';
  for (let i = 0; i < 12; i++) v = nextAigcLabel(v, { model: `model-number-${i}-with-a-long-name`, chars: 1 }, { producer: 'P' }, () => 'id');
  const l = parseAigcLabel(v)!;
  expect(v.length).toBeLessThanOrEqual(AIGC_MAX_LENGTH);
  expect(l.models[l.models.length - 1]).toBe('model-number-11-with-a-long-name');
  expect(l.models.length).toBeLessThan(12);
  expect(l.chars).toBe(12);
  const long = nextAigcLabel('', { model: 'm', chars: 1 }, { producer: '很长的单位名称'.repeat(40) }, newContentId);
  expect(long.length).toBeLessThanOrEqual(AIGC_MAX_LENGTH);
  expect(parseAigcLabel(long)!.fields.ContentProducer.startsWith('很长的单位名称')).toBe(true);
});

test('property: whatever the producer, models and counts, the value is JSON within 255 characters and the count adds up', () => {
  fc.assert(
    fc.property(
      fc.string({ maxLength: 300, unit: 'grapheme' }),
      fc.array(fc.record({ model: fc.string({ minLength: 1, maxLength: 120 }), chars: fc.nat(10_000) }), { minLength: 1, maxLength: 8 }),
      fc.option(fc.string({ maxLength: 400 }), { nil: undefined }),
      (producer, accepts, theirs) => {
        let v = theirs ?? '';
        const before = parseAigcLabel(v)?.chars ?? 0;
        for (const a of accepts) v = nextAigcLabel(v, a, { producer });
        expect(v.length).toBeLessThanOrEqual(AIGC_MAX_LENGTH);
        const l = parseAigcLabel(v);
        expect(l).not.toBeNull();
        expect(l!.fields.Label).toBe('1');
        expect(l!.chars).toBe(before + accepts.reduce((n, a) => n + a.chars, 0));
        expect(l!.fields.ProduceID).not.toBe('');
      },
    ),
    { numRuns: 300 },
  );
});
