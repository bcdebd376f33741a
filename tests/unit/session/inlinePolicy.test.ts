// One InlinePolicy (issue 32 §4): whether a suggestion may be grey text in the document, and the reason
// when not, computed in one pure function from the user's setting, the admin, the pane, the host's word,
// the cloud and tracking state — the session follows it, both panes draw its reason.
import { inlinePolicy, type InlinePolicyInput } from '../../../src/core/session';

const CAN = { inlineGhost: true, trackChanges: false, keyboardShortcuts: false };
const base: InlinePolicyInput = { userInline: true, adminPaneOnly: false, paneInline: true, cloudInline: false, caps: CAN, cloudDocument: false };
const policy = (patch: Partial<InlinePolicyInput>) => inlinePolicy({ ...base, ...patch });

test('inline when nothing stands against it', () => {
  expect(policy({})).toEqual({ inline: true });
});

test('each reason, as the i18n key the panes show', () => {
  expect(policy({ adminPaneOnly: true })).toEqual({ inline: false, reason: 'host.adminPaneOnly' });
  expect(policy({ paneInline: false })).toEqual({ inline: false, reason: 'host.litePane' });
  expect(policy({ userInline: false })).toEqual({ inline: false, reason: 'host.userChoice' });
  expect(policy({ caps: { ...CAN, trackChanges: true } })).toEqual({ inline: false, reason: 'host.trackChanges' });
  expect(policy({ cloudDocument: true })).toEqual({ inline: false, reason: 'host.cloudDocument' });
  expect(policy({ caps: { ...CAN, inlineGhost: false, inlineGhostOffReason: 'host.protected' } })).toEqual({ inline: false, reason: 'host.protected' });
  expect(policy({ caps: { ...CAN, inlineGhost: false } })).toEqual({ inline: false, reason: 'host.inlineUnavailable' });
});

test('the admin wins over the user; tracking wins over a cloud opt-in', () => {
  expect(policy({ adminPaneOnly: true, userInline: false }).reason).toBe('host.adminPaneOnly');
  expect(policy({ cloudDocument: true, cloudInline: true, caps: { ...CAN, trackChanges: true } }).reason).toBe('host.trackChanges');
});

test('a cloud document: pane-only by default, inline once the user opted in; unknown is not cloud', () => {
  expect(policy({ cloudDocument: true, cloudInline: true })).toEqual({ inline: true });
  expect(policy({ cloudDocument: 'unknown' })).toEqual({ inline: true });
});
