// The shared host scenarios (tests/scenarios/hostScenarios.ts) over WpsHost on the WPS simulator:
// once with the simulator's defaults, once with every unconfirmed WPS behaviour at its awkward setting;
// and the self-check scenarios (tests/scenarios/selfCheckScenarios.ts) with the simulator misbehaving.
import { WpsHost } from '../../../../src/hosts/wps/WpsHost';
import { createWpsSimulator, type WpsSimOptions } from '../../../../src/simulators/wps/WpsSimulator';
import { runHostScenarios } from '../../../scenarios/hostScenarios';
import { runSelfCheckScenarios, type Misbehaviour } from '../../../scenarios/selfCheckScenarios';

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

/** each misbehaviour as the WPS simulator's switches (see WpsSimOptions) */
const WPS_MISBEHAVIOUR: Record<Misbehaviour, WpsSimOptions> = {
  caretJumps: { caretAfterRangeInsert: true, setRangeIgnored: true },
  readBackDiffers: { fontWritesIgnored: true },
  formatSticks: { automaticColorIgnored: true },
  removalLeaves: { deleteLeavesLastChar: true },
};

for (const [name, options] of [CONFIGS[0]!, CONFIGS[1]!]) {
  runSelfCheckScenarios(name, (misbehave) => {
    const sim = createWpsSimulator({ ...options, ...(misbehave ? WPS_MISBEHAVIOUR[misbehave] : {}) });
    return { host: new WpsHost({ Application: sim.Application }), doc: sim };
  });
}
