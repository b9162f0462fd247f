import { Command } from 'commander';
import { registerSuggestBaseline } from './commands/suggestBaseline';
import { registerMonitorDataQuality } from './commands/monitorDataQuality';
import { registerSimulateCommand } from './commands/simulate';
import { registerMonitorModelQuality } from './commands/monitorModelQuality';
import { registerSuggestBaselineModelQuality } from './commands/suggestBaselineModelQuality';
import { registerSuggestBaselineBias } from './commands/suggestBaselineBias';
import { registerMonitorBiasDrift } from './commands/monitorBiasDrift';
import { registerSuggestBaselineAttribution } from './commands/suggestBaselineAttribution';
import { registerMonitorAttributionDrift } from './commands/monitorAttributionDrift';

/**
 * Builds the `mlmon` commander program. Each command lives in its own file under ./commands and
 * exports a `register…(parent)` function; this file only wires them together.
 *
 * Layout of the command tree:
 *   mlmon suggest-baseline …                  data-quality baseline (default action)
 *   mlmon suggest-baseline model-quality …    model-quality baseline (sub-command)
 *   mlmon monitor <monitor-type> …            one monitoring execution over one window
 *   mlmon simulate …                          captured traffic (and ground truth) from a data set
 */
export function buildProgram(): Command {
  const program = new Command('mlmon')
    .description(
      'Built-in model monitoring engine: baselines and monitoring jobs in SageMaker Model Monitor formats',
    )
    .enablePositionalOptions()
    .exitOverride()
    .showHelpAfterError();

  const monitor = program
    .command('monitor')
    .description('Run one monitoring execution over one schedule window');

  // Registrations (one line each; keep them in this order).
  void monitor;
  const suggestBaseline = registerSuggestBaseline(program); // sub-commands attach to it
  void suggestBaseline;
  registerMonitorDataQuality(monitor);
  registerSimulateCommand(program);
  registerMonitorModelQuality(monitor);
  registerMonitorBiasDrift(monitor);
  registerMonitorAttributionDrift(monitor);
  registerSuggestBaselineModelQuality(suggestBaseline);
  registerSuggestBaselineBias(suggestBaseline);
  registerSuggestBaselineAttribution(suggestBaseline);

  return program;
}
