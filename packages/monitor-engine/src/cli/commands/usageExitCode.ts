import { CommanderError } from 'commander';

/** Commander codes that are not usage errors (help and version output). */
const NOT_USAGE = new Set([
  'commander.helpDisplayed',
  'commander.help',
  'commander.version',
]);

/**
 * exitOverride callback giving usage errors exit code 2 (commander uses 1), so scripts can tell
 * "you called it wrong" from "the job failed". Help and version keep exit code 0.
 */
export function usageErrorsExitWith2(error: CommanderError): never {
  if (NOT_USAGE.has(error.code) || error.exitCode === 0) throw error;
  throw new CommanderError(2, error.code, error.message);
}
