// The shared host scenarios (tests/scenarios/hostScenarios.ts) over WordHost on the Word simulator, on every Word
// version the simulator has that loads the add-in ('web', '365', '2021', '2016'; issue 28 §3), and the self-check
// scenarios (tests/scenarios/selfCheckScenarios.ts) with the simulator misbehaving.
import { WordHost } from '../../../../src/hosts/word/WordHost';
import { createWordSimulator, type WordSimOptions } from '../../../../src/simulators/word/WordSimulator';
import { runHostScenarios } from '../../../scenarios/hostScenarios';
import { runSelfCheckScenarios, type Misbehaviour } from '../../../scenarios/selfCheckScenarios';
import { WORD_VERSIONS, canTrack, hostOptionsFor, sessionOptionsFor } from './versions';

for (const version of WORD_VERSIONS) {
  runHostScenarios(
    `word ${version}`,
    () => {
      const sim = createWordSimulator({ version });
      const make = () => new WordHost({ Word: sim.Word, Office: sim.Office, ...hostOptionsFor(version) });
      return {
        host: make(),
        doc: sim,
        reopen: make,
        setTrackChanges: (on) => sim.setTrackChanges(on ? 'TrackAll' : 'Off'),
        dispose: () => sim.dispose(),
        sessionInit: sessionOptionsFor(version),
      };
    },
    // below WordApi 1.4 the host cannot read tracking (§5): the user stated they do not track
    { saveEvent: false, trackChanges: canTrack(version), reopen: true },
  );
}

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
