// WpsHost's facts and its observations of the unconfirmed WPS behaviours (docs/WPS.md §6, issue 16 §1):
// with each simulator switch set both ways, diagnostics().switches ends up saying what the switch was.
import { WpsHost } from '../../../../src/hosts/wps/WpsHost';
import type { WpsSimOptions } from '../../../../src/simulators/wps/WpsSimulator';
import { simFrom } from './helpers';

function setup(options: WpsSimOptions = {}, pollMs = 0) {
  const sim = simFrom('各单位：特此|', options);
  const host = new WpsHost({ Application: sim.Application, pollMs });
  return { sim, host };
}

describe('facts', () => {
  async function factsOf(options: WpsSimOptions) {
    const { host } = setup(options);
    await host.init();
    const f = host.diagnostics().facts;
    host.dispose();
    return f;
  }

  it('defaults: OS, build, no API sets, no tracking, read-write, unprotected, a local file', async () => {
    expect(await factsOf({})).toEqual({
      host: 'wps', platform: 'Linux', version: '12.1.0.17147', apiSets: {},
      trackChanges: false, readOnly: false, cloudDocument: false, protection: 'none',
    });
  });

  it('each variation of the simulator shows up', async () => {
    expect(await factsOf({ readOnly: true })).toMatchObject({ readOnly: true });
    expect(await factsOf({ protectionType: 3 })).toMatchObject({ protection: 'readOnly' });
    expect(await factsOf({ protectionType: 1 })).toMatchObject({ protection: 'comments' });
    expect(await factsOf({ trackRevisions: true })).toMatchObject({ trackChanges: true });
    expect(await factsOf({ fullName: 'https://drive.example.cn/公文.docx' })).toMatchObject({ cloudDocument: true });
    expect(await factsOf({ fullName: 'C:\\公文\\通知.docx' })).toMatchObject({ cloudDocument: false });
    expect(await factsOf({ fullName: '文档1' })).toMatchObject({ cloudDocument: 'unknown' }); // never saved: no path to judge
    expect(await factsOf({ os: 'Windows (64-bit) NT 10.00', build: '', version: '12.1.0' })).toMatchObject({ platform: 'Windows (64-bit) NT 10.00', version: '12.1.0' });
  });
});

describe('§6 switches, observed in real cycles', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('before anything is seen, every switch is unknown but UndoRecord (feature-detected)', async () => {
    const { host } = setup();
    expect(Object.values(host.diagnostics().switches).every((v) => v === 'unknown')).toBe(true);
    await host.init();
    expect(host.diagnostics().switches).toMatchObject({ undoRecord: true, ownEditEvents: 'unknown', stalePaint: 'unknown' });
    host.dispose();
  });

  it.each([true, false])('caretAfterRangeInsert = %s', async (on) => {
    const { host } = setup({ caretAfterRangeInsert: on });
    await host.init();
    await host.showGhost('通知。');
    expect(host.diagnostics().switches.caretAfterRangeInsert).toBe(on);
    host.dispose();
  });

  it.each([['sync', true], ['deferred', true], ['none', false]] as const)('ownEditEvents = %s', async (mode, seen) => {
    const { host } = setup({ ownEditEvents: mode });
    await host.init();
    for (let i = 0; i < 3; i++) {
      await host.showGhost('通知。');
      await jest.advanceTimersByTimeAsync(20);
      await host.clearGhost();
      await jest.advanceTimersByTimeAsync(20);
    }
    expect(host.diagnostics().switches.ownEditEvents).toBe(seen);
    host.dispose();
  });

  it.each([['sync', true], ['deferred', true], ['none', false]] as const)('userEvents = %s', async (mode, seen) => {
    const { sim, host } = setup({ userEvents: mode }, 400);
    await host.init();
    for (const ch of '通知如下') {
      sim.user.type(ch);
      await jest.advanceTimersByTimeAsync(500);
    }
    expect(host.diagnostics().switches.userEvents).toBe(seen);
    host.dispose();
  });

  it.each([true, false])('bookmarkGrowsAtStart = %s (the person types at the caret, before the ghost)', async (on) => {
    const { sim, host } = setup({ bookmarkGrowsAtStart: on });
    await host.init();
    await host.showGhost('通知。');
    sim.user.type('，');
    expect(host.diagnostics().switches.bookmarkGrowsAtStart).toBe(on);
    host.dispose();
  });

  it.each([true, false])('undoRecord = %s', async (on) => {
    const { host } = setup({ undoRecord: on });
    await host.init();
    expect(host.diagnostics().switches.undoRecord).toBe(on);
    host.dispose();
  });

  // The host never assigns Range.Text over its bookmark, and no API reads the screen back: these two
  // cannot be seen from inside, so they stay unknown and the host keeps the safe way either way.
  it.each([true, false])('rangeTextDropsBookmark and stalePaint (%s) stay unknown', async (on) => {
    const { sim, host } = setup({ rangeTextDropsBookmark: on, stalePaint: on });
    await host.init();
    await host.showGhost('通知。');
    sim.user.type('通');
    await host.trimGhost(1);
    await host.acceptGhost();
    await host.showGhost('如下');
    await host.clearGhost();
    expect(host.diagnostics().switches).toMatchObject({ rangeTextDropsBookmark: 'unknown', stalePaint: 'unknown' });
    host.dispose();
  });
});
