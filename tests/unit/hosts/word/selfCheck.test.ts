// WordHost's facts (issue 16 §1): what Office.js says at start, as the simulator's variations set it.
import { SimError } from '../../../../src/simulators/word/context';
import { SimContentControl, SimRange } from '../../../../src/simulators/word/proxies';
import { setup } from './helpers';

async function factsOf(...args: Parameters<typeof setup>) {
  const { sim, host } = setup(...args);
  await host.init();
  await host.capabilities(); // as the session does right after init: it loads the tracking mode
  const facts = host.diagnostics().facts;
  host.dispose();
  sim.dispose();
  return facts;
}

it('Microsoft 365 on Windows: platform, version, requirement sets, tracking off, read-write, local', async () => {
  const f = await factsOf('特此|');
  expect(f).toMatchObject({ host: 'word', platform: 'PC', version: '16.0.17928.20114', trackChanges: false, readOnly: false, cloudDocument: false, protection: 'unknown' });
  expect(f.apiSets).toMatchObject({ 'WordApi 1.1': true, 'WordApi 1.4': true, 'WordApi 1.9': true, 'WordApiDesktop 1.1': true, 'WordApiDesktop 1.4': false });
});

it('an old Word without WordApi 1.4 cannot tell whether tracking is on', async () => {
  const f = await factsOf('特此|', { version: '2021', trackChanges: 'TrackAll' });
  expect(f.apiSets).toMatchObject({ 'WordApi 1.3': true, 'WordApi 1.4': false, 'WordApiDesktop 1.1': false });
  expect(f.trackChanges).toBe('unknown');
});

it('tracking on, a read-only document, a cloud document, Word on the web, a given build', async () => {
  expect((await factsOf('特此|', { trackChanges: 'TrackMineOnly' })).trackChanges).toBe(true);
  expect((await factsOf('特此|', { readOnly: true })).readOnly).toBe(true);
  expect((await factsOf('特此|', { url: 'https://contoso.sharepoint.com/sites/ban/tz.docx' })).cloudDocument).toBe(true);
  expect((await factsOf('特此|', { url: 'C:\\docs\\tz.docx' })).cloudDocument).toBe(false);
  expect((await factsOf('特此|', { version: 'web' })).platform).toBe('OfficeOnline');
  expect((await factsOf('特此|', { officeVersion: '16.0.19822.20000' })).version).toBe('16.0.19822.20000');
});

it('tracking switched on later shows in the facts once the host has read it', async () => {
  const { sim, host } = setup('特此|');
  await host.init();
  sim.setTrackChanges('TrackAll');
  await host.capabilities();
  expect(host.diagnostics().facts.trackChanges).toBe(true);
  host.dispose();
  sim.dispose();
});

it('round trips are timed (per Word.run batch): count, p50, p95', async () => {
  const { sim, host } = setup('特此|', { syncDelayMs: 20 });
  await host.init();
  await host.readContext();
  await host.showGhost('通知');
  const { syncMs } = host.diagnostics();
  expect(syncMs.count).toBeGreaterThanOrEqual(3);
  expect(syncMs.p50).toBeGreaterThanOrEqual(15);
  expect(syncMs.p95).toBeGreaterThanOrEqual(syncMs.p50);
  host.dispose();
  sim.dispose();
});

it('a suggestion over two paragraphs (even with \\r\\n) reads back as written: no false failure', async () => {
  const { sim, host } = setup('特此|');
  await host.init();
  await host.showGhost('通知。\r\n各单位');
  expect(host.diagnostics().checks.ghostReadBack).toEqual({ ok: 1, failed: 0 });
  await host.showGhost('通知。\n各单位');
  expect(host.diagnostics().verificationFailures).toBe(0);
  host.dispose();
  sim.dispose();
});

it('a Word that will not read a removed control\'s range: the ghost still goes, later removals go unchecked', async () => {
  const { sim, host } = setup('特此|');
  await host.init();
  const real = SimContentControl.prototype.getRange;
  const spy = jest.spyOn(SimContentControl.prototype, 'getRange').mockImplementation(function (this: SimContentControl, loc) {
    if (loc !== 'Content') return real.call(this, loc);
    return SimRange.queued(this.context, () => {
      throw new SimError('InvalidReference', 'This reference is not valid for the current operation.');
    });
  });
  try {
    await host.showGhost('通知');
    await host.clearGhost();
    expect(sim.text()).toBe('特此');
    await host.showGhost('通知');
    await host.acceptGhost();
    expect(sim.text()).toBe('特此通知');
    expect(sim.ghostControls()).toBe(0);
    expect(host.diagnostics().checks.removeClean).toBeUndefined();
  } finally {
    spy.mockRestore();
    host.dispose();
    sim.dispose();
  }
});
