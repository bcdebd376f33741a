// The digest is built from the text the host hands over, which excludes the ghost (HostContext.text).
// What reaches the model must come from that text only: no ghost can leak in through the digest.
import { buildDigest, DigestBuilder } from '../../../src/core/digest';

describe('no ghost text in the digest', () => {
  const typed = '关于做好防汛工作的通知\n各乡镇：\n一、总体要求\n各乡镇要高度重视';
  const ghost = '，切实加强组织领导。'; // what the add-in shows after the cursor

  test('the digest of the host text says nothing of a ghost the host left out', () => {
    const withoutGhost = typed + '\n二、重点任务';
    const cursor = typed.length;
    const d = buildDigest(withoutGhost, cursor);
    expect(JSON.stringify(d)).not.toContain('切实加强组织领导');
    expect(d.before.endsWith('各乡镇要高度重视')).toBe(true);
    expect(d.after).toBe('\n二、重点任务');
  });

  test('accepting a ghost (the text becomes the user\'s) is just an edit: it appears then, not before', () => {
    const b = new DigestBuilder(typed);
    expect(JSON.stringify(b.digest(typed.length))).not.toContain(ghost);
    b.applyEdit(typed.length, typed.length, ghost);
    expect(b.digest(b.length).before.endsWith(ghost)).toBe(true);
  });
});
