// The first section's primary page header, where some templates print the 密级: WordHost reads it in
// the context read's own sync (no extra round trip) and hands it to the pane, at most every
// headerRefreshMs. The simulator's header follows Word.Section.getHeader('Primary') (WordApi 1.1).
import { setup } from './helpers';

test('the header text comes with the context, read again only when the body\'s first lines change (issue 28 §8)', async () => {
  const { sim, host } = setup('关于开展安全检查的通知\n各科室：\n为了|', { header: '秘密★1年' });
  await host.readContext(); // warm: the first read also reads the header
  expect(sim.stats.headerReads).toBe(1);
  const syncs = sim.stats.syncs;
  const ctx = await host.readContext();
  expect(ctx.header).toBe('秘密★1年');
  expect(sim.stats.syncs - syncs).toBeLessThanOrEqual(1);
  sim.user.type('各');
  await host.checkNow();
  await host.readContext();
  expect(sim.stats.headerReads).toBe(1); // typing further down: the header is not read again
  sim.user.select(0);
  sim.user.type('市');
  await host.checkNow();
  await host.readContext();
  expect(sim.stats.headerReads).toBe(2); // the first line changed: it is
  expect(ctx.text).not.toContain('秘密');
});

test('an empty header gives no header field', async () => {
  const { host } = setup('特此通知|');
  expect((await host.readContext()).header).toBeUndefined();
});

test('headerRefreshMs: the header is read again only when the copy is that old', async () => {
  let now = 1_000_000;
  const spy = jest.spyOn(Date, 'now').mockImplementation(() => now);
  try {
    const { sim, host } = setup('特此通知|', {}, { headerRefreshMs: 30_000 });
    await host.readContext();
    await host.readContext();
    expect(sim.stats.headerReads).toBe(1);
    sim.setHeader('机密★5年'); // no event fires for a header edit: it shows up at the next refresh
    now += 29_000;
    expect((await host.readContext()).header).toBeUndefined();
    now += 1_000;
    expect((await host.readContext()).header).toBe('机密★5年');
    expect(sim.stats.headerReads).toBe(2);
  } finally {
    spy.mockRestore();
  }
});

test('headerRefreshMs: Infinity never reads it', async () => {
  const { sim, host } = setup('特此通知|', { header: '秘密' }, { headerRefreshMs: Infinity });
  expect((await host.readContext()).header).toBeUndefined();
  expect(sim.stats.headerReads ?? 0).toBe(0);
});
