import path from 'node:path';
import { Command } from 'commander';
import { usageErrorsExitWith2 } from './usageExitCode';
import { dateOption } from './optionParsers';
import { DuckDbEngine } from '../../sql/DuckDbEngine';
import { openObjectStore } from '../../storage/openObjectStore';
import { runDataQualityMonitor } from '../../dataQuality/runDataQualityMonitor';

const HELP = `
One data-quality execution over the window [--start, --end): reads the capture files under
{capture}/{endpoint}/{variant}/yyyy/mm/dd/HH/, profiles them and checks them against the
baseline's constraints.json and statistics.json. Writes statistics.json, constraints.json,
constraint_violations.json and cloudwatch_metrics.jsonl to --output.

Exit code 0 when the execution completed (with or without violations), 1 when it failed
(no data in the window, missing or corrupt baseline), 2 for a usage error.

Example:
  mlmon monitor data-quality --capture ./capture --endpoint housing \\
    --baseline ./baseline --start 2026-03-01T10:00Z --end 2026-03-01T11:00Z --output ./reports
`;

interface MonitorOptions {
  capture: string;
  endpoint: string;
  variant: string;
  baseline: string;
  start: Date;
  end: Date;
  output: string;
  schedule?: string;
}

/** `mlmon monitor data-quality`, attached to the `monitor` command. */
export function registerMonitorDataQuality(monitor: Command): Command {
  return monitor
    .command('data-quality')
    .description(
      'Data quality: profile a window of captured data and check it against the baseline',
    )
    .exitOverride(usageErrorsExitWith2)
    .requiredOption(
      '--capture <root>',
      'data-capture root (folder, file:// or s3://)',
    )
    .requiredOption('--endpoint <name>', 'endpoint name')
    .option('--variant <name>', 'production variant', 'AllTraffic')
    .requiredOption(
      '--baseline <dir>',
      'folder holding constraints.json and statistics.json',
    )
    .requiredOption(
      '--start <iso>',
      'window start (inclusive)',
      dateOption('--start', '2026-03-01T10:00Z'),
    )
    .requiredOption(
      '--end <iso>',
      'window end (exclusive)',
      dateOption('--end', '2026-03-01T10:00Z'),
    )
    .requiredOption('--output <dir>', 'folder to write the reports to')
    .option(
      '--schedule <name>',
      'schedule name for the metrics (default {endpoint}-data-quality)',
    )
    .addHelpText('after', HELP)
    .action(async (options: MonitorOptions, cmd: Command) => {
      if (!(options.start < options.end)) {
        cmd.error('error: --start must be before --end', {
          exitCode: 2,
          code: 'mlmon.window',
        });
        return;
      }
      const engine = await DuckDbEngine.create();
      try {
        const result = await runDataQualityMonitor({
          engine,
          captureStore: openObjectStore(options.capture),
          endpoint: options.endpoint,
          variant: options.variant,
          baselineDir: path.resolve(options.baseline),
          start: options.start,
          end: options.end,
          outputDir: path.resolve(options.output),
          monitoringSchedule: options.schedule,
        });
        const lines = [result.exitMessage];
        if (result.capture) {
          lines.push(
            `Records analysed: ${result.capture.records} (from ${result.capture.files} file(s))`,
          );
        }
        for (const v of result.violations?.violations ?? []) {
          lines.push(
            `  ${v.constraint_check_type} ${v.feature_name ?? ''}: ${
              v.description
            }`,
          );
        }
        lines.push(
          ...result.notes,
          ...result.outputs.map(file => `Wrote ${file}`),
        );
        const stream =
          result.status === 'Failed' ? process.stderr : process.stdout;
        stream.write(`${lines.join('\n')}\n`);
        if (result.status === 'Failed') process.exitCode = 1;
      } finally {
        await engine.close();
      }
    });
}
