// WPS: the first section's primary header (Sections.Item(1).Headers.Item(1).Range.Text,
// wdHeaderFooterPrimary = 1) comes with the context, without its final paragraph mark.
import { WpsHost } from '../../../../src/hosts/wps/WpsHost';
import { simFrom } from './helpers';

test('the header text comes with the context', async () => {
  const sim = simFrom('关于开展安全检查的通知\n各科室：|', { header: '绝密★启用前' });
  const host = new WpsHost({ Application: sim.Application, pollMs: 0 });
  const ctx = await host.readContext();
  expect(ctx.header).toBe('绝密★启用前');
  expect(ctx.text).toBe('关于开展安全检查的通知\n各科室：');
  host.dispose();
});

test('an empty header (a lone paragraph mark) gives no header field; a build without Sections neither', async () => {
  const sim = simFrom('特此通知|');
  const host = new WpsHost({ Application: sim.Application, pollMs: 0 });
  expect((await host.readContext()).header).toBeUndefined();
  host.dispose();
  const doc = sim.Application.ActiveDocument!;
  Object.defineProperty(doc, 'Sections', { get: () => { throw new Error('not in this build'); } });
  const old = new WpsHost({ Application: sim.Application, pollMs: 0 });
  expect((await old.readContext()).header).toBeUndefined();
  old.dispose();
});

test('headerRefreshMs caches the header between reads', async () => {
  const sim = simFrom('特此通知|', { header: '秘密' });
  const host = new WpsHost({ Application: sim.Application, pollMs: 0, headerRefreshMs: 60_000 });
  await host.readContext();
  await host.readContext();
  expect(sim.model.headerReads).toBe(1);
  host.dispose();
});
