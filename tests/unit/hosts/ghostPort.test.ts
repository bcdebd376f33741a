// What both hosts share (issue 32 §1): a ghost extended by a longer text that starts with it is written once,
// only the rest (a streaming ghost extends itself once); accept-next takes the same characters everywhere.
import fc from 'fast-check';
import { acceptNextChars, nextUnit } from '../../../src/core/text';
import { GhostState } from '../../../src/hosts/GhostState';
import { WordHost } from '../../../src/hosts/word/WordHost';
import { WpsHost } from '../../../src/hosts/wps/WpsHost';
import { createWordSimulator } from '../../../src/simulators/word/WordSimulator';
import { renderAnnotated } from '../../scenarios/hostScenarios';
import { simFrom } from './wps/helpers';

test('Word: showGhost(longer) appends only the rest, in one write sync', async () => {
  const sim = createWordSimulator({ doc: '各单位：|' });
  const host = new WordHost({ Word: sim.Word, Office: sim.Office, pollMs: 0 });
  await host.init();
  await expect(host.showGhost('特此')).resolves.toEqual({ inline: true, text: '特此' });
  const writes = sim.stats.writeSyncs;
  const undo = sim.stats.undoEntries;
  await expect(host.showGhost('特此通知。')).resolves.toEqual({ inline: true, text: '特此通知。' });
  expect(renderAnnotated(sim)).toBe('各单位：|[特此通知。]');
  expect(sim.stats.writeSyncs - writes).toBe(1);
  expect(sim.stats.undoEntries - undo).toBe(1);
  await host.acceptGhost();
  expect(renderAnnotated(sim)).toBe('各单位：特此通知。|');
  host.dispose();
  sim.dispose();
});

test('WPS: showGhost(longer) appends only the rest, one undo entry', async () => {
  const sim = simFrom('各单位：|');
  const host = new WpsHost({ Application: sim.Application, pollMs: 0, repaint: false });
  await expect(host.showGhost('特此')).resolves.toEqual({ inline: true, text: '特此' });
  const depth = sim.undoDepth();
  await expect(host.showGhost('特此通知。')).resolves.toEqual({ inline: true, text: '特此通知。' });
  expect(renderAnnotated(sim)).toBe('各单位：|[特此通知。]');
  expect(sim.undoDepth() - depth).toBe(1);
  await host.acceptGhost();
  expect(renderAnnotated(sim)).toBe('各单位：特此通知。|');
  host.dispose();
});

test('accept-next is one rule: the next unit, never nothing while a ghost shows', () => {
  fc.assert(
    fc.property(fc.string({ minLength: 1, maxLength: 40 }), (g) => {
      const n = acceptNextChars(g);
      expect(n).toBeGreaterThan(0);
      expect(n).toBeLessThanOrEqual(g.length);
      if (nextUnit(g)) expect(n).toBe(nextUnit(g).length);
    }),
  );
  expect(acceptNextChars('市政府各委、办、局：')).toBe(3);
});

test('GhostState: the text shown, what was written under each handle, and our own writes\' echo', () => {
  const s = new GhostState<number>();
  s.set(7, '通知。');
  expect(s.extends('通知。如下')).toBe(true);
  expect(s.extends('通知')).toBe(false);
  s.clear();
  expect(s.text).toBe('');
  expect(s.wrote(7)).toBe('通知。'); // an undo may bring control 7 back: what we wrote there is known
  s.markOwnWrite(1000);
  expect(s.ownEcho(1200)).toBe(true);
  expect(s.ownEcho(1400)).toBe(false);
});
