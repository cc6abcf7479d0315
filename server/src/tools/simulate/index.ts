/** The device simulator, for tests and scripts: `runSimulator(options)` answers the tallies. */
export { runSimulator, chooseDevices, sipIdFor, type SimulatorResult } from './simulator.js';
export { DEFAULTS, parseCommandLine, type SimulatorOptions } from './options.js';
export { SimulatorError } from './api.js';
export { formatTallies, type ProtocolTally, type Tallies } from './tally.js';
