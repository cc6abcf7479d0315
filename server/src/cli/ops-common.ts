/** What the backup, restore and drill commands share: the key, and one clear line on failure. */
import { loadConfig, type Config } from '../platform/config.js';
import { BackupError } from '../platform/backup/crypto.js';
import { announceGeneratedKey, backupKeySource, loadKey } from '../platform/backup/keys.js';

export function backupKey(config: Config): Buffer {
  const source = backupKeySource(config);
  const loaded = loadKey(source, config);
  announceGeneratedKey(source, loaded);
  return loaded.key;
}

/** Runs a command: a BackupError (or any other failure) is one line on stderr and exit code 1. */
export function runCommand(usage: string, body: (config: Config) => Promise<number | void>): void {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(usage);
    return;
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  body(config).then(
    (code) => {
      process.exitCode = code ?? 0;
    },
    (error: unknown) => {
      if (error instanceof BackupError) console.error(`Refused (${error.code}): ${error.message}`);
      else console.error(`Failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
