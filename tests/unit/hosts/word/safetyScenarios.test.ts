// Issue 28: the clerk's document is never lost or corrupted in real Word — undo, typing into the ghost,
// the web's undo list, track changes switched on mid-ghost, cloud and save, big documents, failed wraps,
// jumps. A real SuggestionSession over WordHost on the Word simulator, on every Word version the
// simulator has that loads the add-in (WordApi 1.3+: 'web', '365', '2021', '2016'). Each rule the simulator
// follows cites its source in src/simulators/word; each scenario names the point it pins.
import { SuggestionSession, type SuggestionSessionInit } from '../../../../src/core/session';
import { WordHost } from '../../../../src/hosts/word/WordHost';
import { createWordSimulator, type WordSimOptions, type WordSimulation } from '../../../../src/simulators/word/WordSimulator';
import { WORD_VERSIONS, canTrack, hostOptionsFor, sessionOptionsFor } from './versions';
import { FakeService } from '../../../scenarios/FakeService';
import { SCENARIO_DEBOUNCE_MS, loadAnnotated, renderAnnotated, until } from '../../../scenarios/hostScenarios';

describe.each(WORD_VERSIONS)('Word %s: the clerk\'s document first (issue 28)', (version) => {
  let sim: WordSimulation;
  let host: WordHost;
  let svc: FakeService;
  let session: SuggestionSession;
  const doc = () => renderAnnotated(sim);
  const elapse = (ms: number) => jest.advanceTimersByTimeAsync(ms);

  async function open(annotated: string, simOpts: WordSimOptions = {}, init: Partial<SuggestionSessionInit> = {}): Promise<void> {
    sim = createWordSimulator({ version, ...simOpts });
    host = new WordHost({ Word: sim.Word, Office: sim.Office, ...hostOptionsFor(version) });
    session = new SuggestionSession({ host, fetchSuggestion: svc.fetch, debounceMs: SCENARIO_DEBOUNCE_MS, minContextChars: 2, ...sessionOptionsFor(version), ...init });
    loadAnnotated(sim, annotated);
    await session.start();
    await elapse(100);
  }

  async function typeAndPause(text: string, expected: string): Promise<void> {
    sim.user.type(text);
    await until(() => doc() === expected);
    expect(doc()).toBe(expected);
  }

  beforeEach(() => {
    jest.useFakeTimers();
    svc = new FakeService();
    svc.reply = (c) => {
      const before = c.text.slice(0, c.cursor);
      if (before.endsWith('特此')) return '通知。';
      if (before.endsWith('第二段')) return '内容';
      return '';
    };
  });

  afterEach(async () => {
    session?.dispose();
    host?.dispose();
    sim?.dispose();
    await jest.runOnlyPendingTimersAsync();
    jest.useRealTimers();
  });

  it('§1 undo brings a dismissed ghost back: it is swept without touching the text, and a later accept writes only the new ghost', async () => {
    await open('第一段|\n第二段');
    await typeAndPause('特此', '第一段特此|[通知。]\n第二段');
    await session.dismiss();
    await until(() => doc() === '第一段特此|\n第二段');
    sim.user.undo(); // Word JS has no undo grouping (#1827): Ctrl+Z restores the dismissed control
    await until(() => sim.ghostControls() === 0);
    expect(sim.text()).toBe('第一段特此\n第二段');
    sim.user.select(9); // the end of 第二段
    await until(() => doc() === '第一段特此\n第二段|[内容]');
    expect(doc()).toBe('第一段特此\n第二段|[内容]');
    await session.acceptAll();
    await until(() => !doc().includes('['));
    expect(sim.text()).toBe('第一段特此\n第二段内容');
  });

  it('§1 a banxie-ghost control that is not ours (pasted, or left by a crash) is swept at the next check', async () => {
    await open('各单位：|');
    sim.user.type('特此');
    await until(() => doc() === '各单位：特此|[通知。]');
    // a second host writes a ghost this one never wrote (a crashed pane's, a paste's copy)
    const other = new WordHost({ Word: sim.Word, Office: sim.Office, pollMs: 0, ...hostOptionsFor(version) });
    await session.dismiss();
    await until(() => doc() === '各单位：特此|');
    sim.user.select(0);
    await other.showGhost('他人');
    other.dispose();
    await until(() => sim.ghostControls() === 0);
    expect(sim.text()).toBe('各单位：特此');
  });

  it('§2 text typed inside the ghost is the clerk\'s: kept, only the ghost\'s own characters go', async () => {
    await open('各单位：|');
    await typeAndPause('特此', '各单位：特此|[通知。]');
    sim.user.select(7); // a click into the grey text, between 通 and 知: the caret is inside the control (#6448)
    sim.user.type('关于');
    await until(() => sim.ghostControls() === 0 && !doc().includes('['));
    await elapse(2000);
    expect(sim.text()).toBe('各单位：特此关于');
    const runs = sim.snapshot().paragraphs.flat();
    expect(runs.some((r) => r.italic)).toBe(false); // the clerk's characters in their own look
  });

  it('§2 typing at the ghost\'s start (inside it on the web, #2527; before it on the desktop) keeps what was typed', async () => {
    await open('各单位：|');
    await typeAndPause('特此', '各单位：特此|[通知。]');
    sim.user.select(6); // where the ghost begins
    sim.user.type('关于');
    await until(() => !doc().includes('['));
    await elapse(2000);
    expect(sim.text()).toBe('各单位：特此关于');
  });

  it('§3 typing inside a paragraph: on the web no suggestion and no undo entry from the pane (its place is not measured); elsewhere a suggestion there; at the end both', async () => {
    await open('第一段|\n第二段');
    sim.user.select(1); // inside 第一段
    const undo0 = sim.stats.undoEntries;
    sim.user.type('特此');
    if (version === 'web') {
      await elapse(3000);
      expect(doc()).toBe('第特此|一段\n第二段');
      expect(svc.count).toBe(0);
      expect(sim.stats.undoEntries - undo0).toBe(1); // the clerk's typing (one entry in the simulator), nothing of ours
      expect(session.state).toMatchObject({ kind: 'idle', context: { noSuggestion: 'suggestion.webMidParagraph' } });
      // 重新建议: asked here and now, the host measures the caret once (one Undo step, the clerk's choice)
      await session.askAgain();
      await until(() => doc() === '第特此|[通知。]一段\n第二段');
      expect(doc()).toBe('第特此|[通知。]一段\n第二段');
      expect(svc.count).toBe(1);
      await session.dismiss();
      await until(() => !doc().includes('['));
    } else {
      await until(() => doc() === '第特此|[通知。]一段\n第二段');
      expect(doc()).toBe('第特此|[通知。]一段\n第二段');
      await session.dismiss();
      await until(() => !doc().includes('['));
    }
    sim.user.select(sim.text().length); // the end of 第二段 (a click there)
    await until(() => doc() === '第特此一段\n第二段|[内容]');
    expect(doc()).toBe('第特此一段\n第二段|[内容]');
  });

  it('§3 an idle pane adds no undo entry and reads no more than the caret\'s paragraph', async () => {
    const body = Array.from({ length: 600 }, (_, i) => `第${i}段为切实做好安全生产工作现将有关事项通知如下请各单位认真贯彻落实确保各项措施落到实处。`).join('\n');
    await open(body + '\n各单位：|');
    await elapse(3000);
    const undo0 = sim.stats.undoEntries;
    const read0 = sim.stats.charsRead;
    await elapse(3000); // idle: the poll runs, nothing changes
    expect(sim.stats.undoEntries - undo0).toBe(0);
    expect(sim.stats.charsRead - read0).toBeLessThanOrEqual(20_000);
    await elapse(57_000);
    expect(sim.stats.undoEntries - undo0).toBe(0);
  });

  (canTrack(version) ? it : it.skip)('§4 track changes switched on mid-ghost: the ghost never becomes a revision, the accepted text is the clerk\'s insertion', async () => {
    await open('各单位：|');
    await typeAndPause('特此', '各单位：特此|[通知。]');
    sim.setTrackChanges('TrackAll');
    await session.acceptAll();
    await until(() => !doc().includes('['));
    await elapse(1000);
    expect(sim.text()).toBe('各单位：特此通知。');
    expect(sim.trackedRevisions()).toEqual({ inserted: '通知。', deleted: '' });
  });

  (canTrack(version) ? it : it.skip)('§4 track changes switched on mid-ghost, then the clerk types: only their character is a revision', async () => {
    await open('各单位：|');
    await typeAndPause('特此', '各单位：特此|[通知。]');
    sim.setTrackChanges('TrackAll');
    sim.user.type('通');
    await until(() => !doc().includes('['));
    await elapse(2000);
    expect(sim.text()).toBe('各单位：特此通');
    expect(sim.trackedRevisions()).toEqual({ inserted: '通', deleted: '' });
  });

  (version === 'web' ? it.skip : it)('§5 the document saved to OneDrive mid-session (document.url stale, #1507): the ghost leaves, the next one stays in the pane', async () => {
    await open('各单位：|');
    await typeAndPause('特此', '各单位：特此|[通知。]');
    sim.saveToCloud('https://contoso-my.sharepoint.com/personal/clerk/Documents/通知.docx');
    await until(() => !doc().includes('['));
    expect(doc()).toBe('各单位：特此|');
    sim.user.type('。\n特此');
    await until(() => session.state.kind === 'showing');
    expect(session.state).toMatchObject({ kind: 'showing', inline: false });
    expect(doc()).toBe('各单位：特此。\n特此|');
  });

  it('§5 a ghost never outlives an idle period: after 30 s untouched it is out of the document before any save', async () => {
    await open('各单位：|');
    await typeAndPause('特此', '各单位：特此|[通知。]');
    await elapse(31_000);
    expect(doc()).toBe('各单位：特此|');
    expect(sim.user.save()).toBe('各单位：特此');
  });

  it('§7 a failed wrap (#1169) leaves no AI text behind', async () => {
    await open('各单位：|', { contentControlFails: true });
    sim.user.type('特此');
    await until(() => svc.count > 0);
    await elapse(2000);
    expect(sim.text()).toBe('各单位：特此');
    expect(sim.ghostControls()).toBe(0);
  });

  it('§7 a suggestion that starts with a line break is drawn as ↵ in the caret\'s paragraph, never across a paragraph mark; dismiss leaves the document as typed', async () => {
    svc.reply = (c) => (c.text.slice(0, c.cursor).endsWith('特此通知。') ? '\n附件：' : '');
    await open('各单位：|\n第二段');
    await typeAndPause('特此通知。', '各单位：特此通知。|[↵附件：]\n第二段');
    expect(session.state).toMatchObject({ kind: 'showing', inline: true, text: '\n附件：' });
    await session.dismiss();
    await until(() => doc() === '各单位：特此通知。|\n第二段');
    expect(sim.text()).toBe('各单位：特此通知。\n第二段');
    expect(sim.ghostControls()).toBe(0);
  });

  it('§7 Enter typed into a ↵ ghost is the clerk\'s own paragraph, the rest follows on the new line; accept inserts a real break', async () => {
    svc.reply = (c) => (c.text.slice(0, c.cursor).endsWith('特此通知。') ? '\n附件：' : '');
    await open('各单位：|');
    await typeAndPause('特此通知。', '各单位：特此通知。|[↵附件：]');
    sim.user.type('\n');
    await until(() => doc() === '各单位：特此通知。\n|[附件：]');
    expect(session.state).toMatchObject({ kind: 'showing', text: '附件：' });
    await session.acceptAll();
    await until(() => doc() === '各单位：特此通知。\n附件：|');
    await typeAndPause('特此通知。', '各单位：特此通知。\n附件：特此通知。|[↵附件：]');
    await session.acceptAll();
    await until(() => doc() === '各单位：特此通知。\n附件：特此通知。\n附件：|');
    expect(sim.ghostControls()).toBe(0);
    expect(sim.text()).not.toContain('↵');
  });

  it('§8 no jumps: showing and trimming the ghost never call select() when the caret is already in place; the header is read once', async () => {
    await open('关于做好安全生产工作的通知\n各单位：\n|', { header: '秘密★1年' });
    await typeAndPause('特此', '关于做好安全生产工作的通知\n各单位：\n特此|[通知。]');
    sim.user.type('通');
    await until(() => doc() === '关于做好安全生产工作的通知\n各单位：\n特此通|[知。]');
    expect(sim.stats.selects ?? 0).toBe(0);
    expect(sim.stats.headerReads).toBe(1);
  });
});
