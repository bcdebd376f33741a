// The shared host scenarios (tests/scenarios/hostScenarios.ts) over WpsHost on the WPS simulator:
// once with the simulator's defaults, once with every unconfirmed WPS behaviour at its awkward setting.
import { WpsHost } from '../../src/hosts/wps/WpsHost';
import { createWpsSimulator, type WpsSimOptions } from '../../src/simulators/wps/WpsSimulator';
import { runHostScenarios } from '../scenarios/hostScenarios';

const CONFIGS: Array<[string, WpsSimOptions]> = [
  ['wps', {}],
  ['wps (late own events, caret stays, bookmark grows at start, stale paint, no UndoRecord)', {
    ownEditEvents: 'deferred', userEvents: 'deferred', caretAfterRangeInsert: false,
    bookmarkGrowsAtStart: true, stalePaint: true, undoRecord: false,
  }],
  ['wps (no events at all: the poll only)', { ownEditEvents: 'none', userEvents: 'none' }],
];

for (const [name, options] of CONFIGS) {
  runHostScenarios(
    name,
    () => {
      const sim = createWpsSimulator(options);
      return {
        host: new WpsHost({ Application: sim.Application }),
        doc: sim,
        reopen: () => {
          sim.user.reopen();
          return new WpsHost({ Application: sim.Application });
        },
        setTrackChanges: (on) => sim.user.setTrackRevisions(on),
      };
    },
    { saveEvent: true, trackChanges: true, reopen: true },
  );
}
