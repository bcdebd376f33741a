// The shared host scenarios (tests/scenarios/hostScenarios.ts) over WordHost on the Word simulator,
// and the self-check scenarios (tests/scenarios/selfCheckScenarios.ts) with the simulator misbehaving.
import { WordHost } from '../../src/hosts/word/WordHost';
import { createWordSimulator, type WordSimOptions } from '../../src/simulators/word/WordSimulator';
import { runHostScenarios } from '../scenarios/hostScenarios';
import { runSelfCheckScenarios, type Misbehaviour } from '../scenarios/selfCheckScenarios';

runHostScenarios(
  'word',
  () => {
    const sim = createWordSimulator();
    return {
      host: new WordHost({ Word: sim.Word, Office: sim.Office }),
      doc: sim,
      reopen: () => new WordHost({ Word: sim.Word, Office: sim.Office }),
      setTrackChanges: (on) => sim.setTrackChanges(on ? 'TrackAll' : 'Off'),
      dispose: () => sim.dispose(),
    };
  },
  { saveEvent: false, trackChanges: true, reopen: true },
);

/** each misbehaviour as the Word simulator's switches (sources in WordSimOptions) */
const WORD_MISBEHAVIOUR: Record<Misbehaviour, WordSimOptions> = {
  caretJumps: { caretAfterInsert: 'after', selectIgnored: true },
  readBackDiffers: { partialContentControl: true },
  formatSticks: { replacedFormatSticks: true },
  removalLeaves: { controlDeleteKeepsText: true },
};

runSelfCheckScenarios('word', (misbehave) => {
  const sim = createWordSimulator(misbehave ? WORD_MISBEHAVIOUR[misbehave] : {});
  return { host: new WordHost({ Word: sim.Word, Office: sim.Office }), doc: sim, dispose: () => sim.dispose() };
});
