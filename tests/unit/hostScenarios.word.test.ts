// The shared host scenarios (tests/scenarios/hostScenarios.ts) over WordHost on the Word simulator.
import { WordHost } from '../../src/hosts/word/WordHost';
import { createWordSimulator } from '../../src/simulators/word/WordSimulator';
import { runHostScenarios } from '../scenarios/hostScenarios';

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
