// 规范 定位/修正 (issue 26) on both hosts over their simulators: the target (the n-th exact match of a text) is
// selected or replaced in one undoable write, the rest of the document untouched; a target that is not there says so.
import type { DocumentHost } from '../../../src/core/DocumentHost';
import { WpsHost } from '../../../src/hosts/wps/WpsHost';
import type { SimulatedDocument } from '../../../src/simulators/SimulatedDocument';
import { createWpsSimulator } from '../../../src/simulators/wps/WpsSimulator';
import { setup as wordSetup } from './word/helpers';

const DOC = '某政办发[2025]3号\n关于做好AB工作的通知\n各单位：\n依据某政办发[2025]1号和ab要求。';

const hosts: Array<[string, () => { sim: SimulatedDocument; host: DocumentHost }]> = [
  ['word', () => { const { sim, host } = wordSetup(''); sim.user.load(DOC); return { sim, host }; }],
  ['wps', () => { const sim = createWpsSimulator({ text: DOC }); return { sim, host: new WpsHost({ Application: sim.Application, pollMs: 0 }) }; }],
];

describe.each(hosts)('%s: selectText / replaceText', (_name, make) => {
  test('定位 selects the n-th exact match', async () => {
    const { sim, host } = make();
    await host.init();
    expect(await host.selectText!({ needle: '[2025]', occurrence: 1 })).toBe(true);
    const start = DOC.indexOf('[2025]', DOC.indexOf('[2025]') + 1);
    expect(sim.snapshot().selection).toEqual({ start, end: start + 6 });
    host.dispose();
  });

  test('matching is exact: case counts, so "ab" is the second paragraph\'s, not "AB"', async () => {
    const { sim, host } = make();
    await host.init();
    expect(await host.selectText!({ needle: 'ab', occurrence: 0 })).toBe(true);
    expect(sim.snapshot().selection.start).toBe(DOC.indexOf('ab'));
    expect(await host.selectText!({ needle: 'ab', occurrence: 1 })).toBe(false);
    host.dispose();
  });

  test('a target across a paragraph mark is found (searched as ^p)', async () => {
    const { sim, host } = make();
    await host.init();
    expect(await host.selectText!({ needle: '通知\n各', occurrence: 0 })).toBe(true);
    expect(sim.snapshot().selection.start).toBe(DOC.indexOf('通知\n各'));
    host.dispose();
  });

  test('修正 replaces the match in one undoable write and leaves the rest of the document as it was', async () => {
    const { sim, host } = make();
    await host.init();
    expect(await host.replaceText!({ needle: '[2025]', occurrence: 0 }, '〔2025〕')).toBe(true);
    expect(sim.text()).toBe(DOC.replace('[2025]', '〔2025〕'));
    sim.user.undo();
    expect(sim.text()).toBe(DOC);
    host.dispose();
  });

  test('a target that is not there (any more), or too long to search, is not selected or replaced', async () => {
    const { sim, host } = make();
    await host.init();
    expect(await host.selectText!({ needle: '〔2024〕', occurrence: 0 })).toBe(false);
    expect(await host.replaceText!({ needle: '[2025]', occurrence: 2 }, 'x')).toBe(false);
    expect(await host.replaceText!({ needle: '[2025]', occurrence: -1 }, 'x')).toBe(false);
    expect(await host.selectText!({ needle: '甲'.repeat(256), occurrence: 0 })).toBe(false);
    expect(sim.text()).toBe(DOC);
    host.dispose();
  });

  test('a replacement is reported as a content change, so the checks run again', async () => {
    const { host } = make();
    await host.init();
    const seen: string[] = [];
    host.onChange((c) => seen.push(c.kind));
    await host.replaceText!({ needle: '[2025]', occurrence: 0 }, '〔2025〕');
    expect(seen).toContain('content');
    host.dispose();
  });
});

describe('the simulators search as documented', () => {
  test('Word: Body.search is case-blind by default and refuses more than 255 characters', async () => {
    const { sim } = wordSetup('Ab ab|');
    await sim.Word.run(async (ctx) => {
      const all = ctx.document.body.search('ab');
      all.load('items/text');
      await ctx.sync();
      expect(all.items.map((r) => r.text)).toEqual(['Ab', 'ab']);
    });
    await expect(sim.Word.run(async (ctx) => {
      ctx.document.body.search('a'.repeat(256)).load('items');
      await ctx.sync();
    })).rejects.toMatchObject({ code: 'SearchStringInvalidOrTooLong' });
  });

  test('WPS: Find.Execute redefines the range to the match, leaves it when not found, is case-blind by default', () => {
    const sim = createWpsSimulator({ text: 'Ab ab' });
    const doc = sim.Application.ActiveDocument!;
    const r = doc.Range(0, doc.Content.End);
    expect(r.Find!.Execute('ab')).toBe(true);
    expect([r.Start, r.End]).toEqual([0, 2]);
    const rest = doc.Range(2, doc.Content.End);
    expect(rest.Find!.Execute('AB', true)).toBe(false);
    expect([rest.Start, rest.End]).toEqual([2, doc.Content.End]);
    expect(() => r.Find!.Execute('a'.repeat(256))).toThrow(/too long/);
  });
});
