import { Command } from 'commander';

/** Builds the commander program; each sub-command lives in its own file under ./commands. */
export function buildProgram(): Command {
  const program = new Command('mlmon')
    .description(
      'Built-in model monitoring engine: baselines and monitoring jobs in SageMaker Model Monitor formats',
    )
    .exitOverride()
    .showHelpAfterError();
  return program;
}
