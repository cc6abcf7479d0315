/** The device simulator, for tests and scripts: `runSimulator(options)` answers the tallies. */
export { runSimulator, chooseDevices, type SimulatorResult } from './simulator.js';
export { DEFAULTS, defaultsFrom, parseCommandLine, type SimulatorOptions } from './options.js';
export { SimulatorError } from './api.js';
export { formatTallies, type ProtocolTally, type Tallies } from './tally.js';
