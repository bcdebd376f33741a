// The host's self-check (issue 16 §1) as scenarios for every host: a real SuggestionSession over the
// host, the person typing into a simulator that misbehaves in one way. After N failed checks the
// session is pane-only and says why, the document holds no ghost remains; a well-behaved simulator
// never switches. Each host's test file maps the misbehaviours to its simulator's switches.
import { SuggestionSession, type SuggestionSessionInit } from '../../src/core/session';
import type { DocumentHost, HostCapabilities } from '../../src/core/DocumentHost';
import type { SimulatedDocument } from '../../src/simulators/SimulatedDocument';
import { FakeService } from './FakeService';
import { SCENARIO_DEBOUNCE_MS, loadAnnotated, renderAnnotated, until } from './hostScenarios';

/** the ways a host can fail the checks made in real ghost cycles */
export type Misbehaviour =
  /** the caret ends after the ghost and cannot be put back */
  | 'caretJumps'
  /** the ghost does not read back as written (text or look) */
  | 'readBackDiffers'
  /** accepted text keeps the ghost's grey italic */
  | 'formatSticks'
  /** removing the ghost leaves some of it */
  | 'removalLeaves';

export interface SelfCheckHost {
  host: DocumentHost;
  doc: SimulatedDocument;
  dispose?(): void;
}

export function runSelfCheckScenarios(hostName: string, make: (misbehave?: Misbehaviour) => SelfCheckHost): void {
  describe(`${hostName}: self-check`, () => {
    let t: SelfCheckHost;
    let svc: FakeService;
    let session: SuggestionSession;
    let reported: HostCapabilities[];

    const doc = () => renderAnnotated(t.doc);
    /** no grey, no italic, no ghost anywhere: what a clean document looks like after a failed check */
    const noGhostLeft = () => t.doc.snapshot().paragraphs.flat().every((r) => !r.ghost && !r.italic && r.color?.toUpperCase() !== '#808080');

    async function open(misbehave: Misbehaviour | undefined, annotated: string, init: Partial<SuggestionSessionInit> = {}): Promise<void> {
      t = make(misbehave);
      session = new SuggestionSession({
        host: t.host, fetchSuggestion: svc.fetch, debounceMs: SCENARIO_DEBOUNCE_MS, minContextChars: 2,
        onCapabilities: (c) => reported.push(c), ...init,
      });
      loadAnnotated(t.doc, annotated);
      await session.start();
      await jest.advanceTimersByTimeAsync(100);
    }

    const answers: Record<string, string> = { 特此: '通知。', 现予: '公布。', 请遵照: '执行。' };

    /** type one of `answers`' keys and pause until its suggestion is up (in the document or in the pane) */
    async function typeAndWait(text: string): Promise<void> {
      t.doc.user.type(text);
      await until(() => session.state.kind === 'showing' && session.state.text === answers[text]);
      await session.settled();
    }

    beforeEach(() => {
      jest.useFakeTimers();
      svc = new FakeService();
      svc.reply = (c) => {
        const before = c.text.slice(0, c.cursor);
        const k = Object.keys(answers).find((a) => before.endsWith(a));
        return k ? answers[k]! : '';
      };
      reported = [];
    });

    afterEach(async () => {
      session?.dispose();
      t?.host.dispose();
      t?.dispose?.();
      await jest.runOnlyPendingTimersAsync();
      jest.useRealTimers();
    });

    const lastReason = () => reported[reported.length - 1]?.inlineGhostOffReason;

    for (const misbehave of ['caretJumps', 'readBackDiffers'] as const) {
      it(`${misbehave}: each failed ghost is taken out and shown in the pane; the second failure makes the session pane-only`, async () => {
        await open(misbehave, '各单位：|');
        await typeAndWait('特此');
        expect(session.state).toMatchObject({ kind: 'showing', text: '通知。', inline: false });
        expect(doc()).toBe('各单位：特此|');
        expect(noGhostLeft()).toBe(true);
        expect((await t.host.capabilities()).inlineGhost).toBe(true); // one doubt is not a verdict

        t.doc.user.type('。\n');
        await typeAndWait('现予');
        expect(session.state).toMatchObject({ kind: 'showing', text: '公布。', inline: false });
        expect(doc()).toBe('各单位：特此。\n现予|');
        expect(noGhostLeft()).toBe(true);
        expect(await t.host.capabilities()).toMatchObject({ inlineGhost: false, inlineGhostOffReason: 'host.selfCheckFailed' });
        expect(lastReason()).toBe('host.selfCheckFailed'); // the pane was told
        expect(t.host.diagnostics!()).toMatchObject({ verificationFailures: 2, paneOnlyReason: 'host.selfCheckFailed' });

        // the rest of the session: suggestions in the pane, accepted at the cursor, nothing grey written
        t.doc.user.type('。\n');
        await typeAndWait('请遵照');
        expect(session.state).toMatchObject({ kind: 'showing', text: '执行。', inline: false });
        expect(doc()).toBe('各单位：特此。\n现予。\n请遵照|');
        await session.acceptAll();
        await until(() => doc().endsWith('执行。|'));
        expect(doc()).toBe('各单位：特此。\n现予。\n请遵照执行。|');
        expect(noGhostLeft()).toBe(true);
        expect(t.host.diagnostics!().verificationFailures).toBe(2);
      });
    }

    it('formatSticks: accepted text that kept the grey italic is given the text\'s look back; twice → pane-only', async () => {
      await open('formatSticks', '各单位：|');
      await typeAndWait('特此');
      expect(doc()).toBe('各单位：特此|[通知。]');
      await session.acceptAll();
      await until(() => doc() === '各单位：特此通知。|');
      expect(doc()).toBe('各单位：特此通知。|');
      expect(noGhostLeft()).toBe(true);
      expect((await t.host.capabilities()).inlineGhost).toBe(true);

      t.doc.user.type('\n');
      await typeAndWait('现予');
      expect(doc()).toBe('各单位：特此通知。\n现予|[公布。]');
      await session.acceptAll();
      await until(() => doc() === '各单位：特此通知。\n现予公布。|');
      expect(noGhostLeft()).toBe(true);
      expect(await t.host.capabilities()).toMatchObject({ inlineGhost: false, inlineGhostOffReason: 'host.selfCheckFailed' });
      expect(t.host.diagnostics!().checks.formatInherited).toMatchObject({ failed: 2 });

      t.doc.user.type('\n');
      await typeAndWait('请遵照');
      expect(session.state).toMatchObject({ kind: 'showing', inline: false });
      expect(lastReason()).toBe('host.selfCheckFailed');
      expect(doc()).toBe('各单位：特此通知。\n现予公布。\n请遵照|');
    });

    it('removalLeaves: what a dismiss left is taken out by another way; twice → pane-only', async () => {
      await open('removalLeaves', '各单位：|');
      await typeAndWait('特此');
      expect(doc()).toBe('各单位：特此|[通知。]');
      await session.dismiss();
      await until(() => doc() === '各单位：特此|');
      expect(doc()).toBe('各单位：特此|');
      expect(noGhostLeft()).toBe(true);
      expect((await t.host.capabilities()).inlineGhost).toBe(true);

      t.doc.user.type('\n');
      await typeAndWait('现予');
      await session.dismiss();
      await until(() => doc() === '各单位：特此\n现予|');
      expect(doc()).toBe('各单位：特此\n现予|');
      expect(noGhostLeft()).toBe(true);
      expect(await t.host.capabilities()).toMatchObject({ inlineGhost: false, inlineGhostOffReason: 'host.selfCheckFailed' });
      expect(t.host.diagnostics!().checks.removeClean).toMatchObject({ failed: 2 });
    });

    it('the limit comes from the settings: 1 → pane-only at the first failure, 3 → not yet after two', async () => {
      await open('readBackDiffers', '各单位：|', { selfCheckLimit: 1 });
      await typeAndWait('特此');
      expect(await t.host.capabilities()).toMatchObject({ inlineGhost: false, inlineGhostOffReason: 'host.selfCheckFailed' });
      session.dispose();
      t.host.dispose();

      await open('readBackDiffers', '各单位：|', { selfCheckLimit: 3 });
      await typeAndWait('特此');
      t.doc.user.type('。\n');
      await typeAndWait('现予');
      expect(t.host.diagnostics!().verificationFailures).toBe(2);
      expect((await t.host.capabilities()).inlineGhost).toBe(true);
      expect(noGhostLeft()).toBe(true);
    });

    it('a well-behaved host never switches: shows, type-through, accept, dismiss all check out', async () => {
      await open(undefined, '各单位：|');
      await typeAndWait('特此');
      expect(doc()).toBe('各单位：特此|[通知。]');
      t.doc.user.type('通');
      await until(() => doc() === '各单位：特此通|[知。]');
      await session.acceptAll();
      await until(() => doc() === '各单位：特此通知。|');
      t.doc.user.type('\n');
      await typeAndWait('现予');
      await session.acceptNext();
      await session.dismiss();
      await until(() => !doc().includes('['));
      t.doc.user.type('\n');
      await typeAndWait('请遵照');
      await session.dismiss();
      await until(() => !doc().includes('['));
      const d = t.host.diagnostics!();
      expect(d.verificationFailures).toBe(0);
      expect(d.paneOnlyReason).toBeUndefined();
      for (const check of ['caretBeforeGhost', 'ghostReadBack', 'formatInherited', 'removeClean'] as const) {
        expect(d.checks[check]).toMatchObject({ failed: 0 });
        expect(d.checks[check]!.ok).toBeGreaterThan(0);
      }
      expect(d.syncMs.count).toBeGreaterThan(0);
      expect((await t.host.capabilities()).inlineGhost).toBe(true);
      expect(reported.every((c) => c.inlineGhost)).toBe(true);
    });

    it('diagnostics hold no document text (a canary in the document, a ghost shown and accepted)', async () => {
      const canary = '绝密CANARY7731';
      await open(undefined, `${canary}\n各单位：|`);
      await typeAndWait('特此');
      await session.acceptAll();
      await until(() => doc().endsWith('通知。|'));
      const report = JSON.stringify(t.host.diagnostics!());
      for (const secret of [canary, 'CANARY', '各单位', '特此', '通知']) expect(report).not.toContain(secret);
    });
  });
}
