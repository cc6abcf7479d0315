/**
 * `npm run devices:simulate -- [options]`: plays the devices of a running GridGov server (see
 * options.ts for the flags, docs/sensing.md for what it does). Ctrl-C stops it cleanly; a second
 * Ctrl-C leaves at once. Exit code 1 when the server cannot be reached, refuses the sign-in or no
 * device could be driven; 2 for a wrong command line.
 */
import { SimulatorError } from './api.js';
import { USAGE, parseCommandLine } from './options.js';
import { runSimulator } from './simulator.js';

const parsed = parseCommandLine(process.argv.slice(2));
if ('error' in parsed) {
  console.error(`${parsed.error}\n\n${USAGE}`);
  process.exit(2);
}
if (parsed.help) {
  console.log(USAGE);
  process.exit(0);
}

const stop = new AbortController();
process.on('SIGINT', () => {
  if (stop.signal.aborted) {
    console.error('Stopping at once.');
    process.exit(130);
  }
  console.log('\nStopping: the devices leave the server (Ctrl-C again to quit at once)...');
  stop.abort();
});
process.once('SIGTERM', () => stop.abort());

try {
  await runSimulator({ ...parsed.options, signal: stop.signal });
  process.exit(0);
} catch (error) {
  console.error(error instanceof SimulatorError ? `devices:simulate: ${error.message}` : error);
  process.exit(1);
}
