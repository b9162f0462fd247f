import { CommanderError } from 'commander';
import { buildProgram } from './program';

/** Runs the `mlmon` CLI and sets the process exit code. */
export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander already printed help, version or the usage error itself.
      process.exitCode = error.exitCode;
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`mlmon: ${message}\n`);
    process.exitCode = process.exitCode || 1;
  }
}
