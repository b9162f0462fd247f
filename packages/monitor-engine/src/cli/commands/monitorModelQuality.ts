import { Command } from 'commander';
import { DuckDbEngine } from '../../sql/DuckDbEngine';
import { openObjectStore } from '../../storage/openObjectStore';
import { exitMessage } from '../../modelQuality/executionSummary';
import { MonitoringWindowInput } from '../../modelQuality/monitoringWindow';
import {
  runModelQualityMonitor,
  RunModelQualityMonitorOptions,
} from '../../modelQuality/runModelQualityMonitor';
import { dateOption, numberOption, problemTypeOption } from './optionParsers';

const HELP = `
One model-quality execution: merges the window's captured predictions with their ground truth
(by inferenceId, else eventId), computes SageMaker's metrics and checks them against the
baseline's constraints.json. Writes, under {output}/{endpoint}/{schedule}/yyyy/mm/dd/HH/,
statistics.json, constraint_violations.json, cloudwatch_metrics.jsonl and execution_summary.json,
and the merged records under {output}/merge/{endpoint}/{variant}/yyyy/mm/dd/HH/.

The window is --start/--end, or --scheduled-time with SageMaker's offsets, e.g.
--scheduled-time 2026-11-24T13:00Z --start-offset -P2D --end-offset -P1D judges the
predictions of [11-22 13:00, 11-23 13:00) with the labels collected until 11-24 13:00.

Example:
  mlmon monitor model-quality --capture ./capture --ground-truth ./ground-truth \\
    --endpoint churn --baseline ./baseline/model-quality --probability-attribute 0 \\
    --probability-threshold 0.8 --scheduled-time 2026-11-24T13:00Z --start-offset -P2D \\
    --end-offset -P1D --output ./reports
`;

/** The time in this command's examples, shown in the error for a malformed time. */
const EXAMPLE_TIME = '2026-11-24T13:00Z';

/**
 * The parsed options: the monitor's own options where they mean the same, with the locations
 * as text (opened here) and the CLI's names for the rest.
 */
type MonitorOptions = Pick<
  RunModelQualityMonitorOptions,
  | 'endpoint'
  | 'problemType'
  | 'inferenceAttribute'
  | 'probabilityAttribute'
  | 'probabilityThreshold'
  | 'positiveLabel'
  | 'groundTruthAttribute'
  | 'schedule'
> &
  Omit<MonitoringWindowInput, 'labelLookback'> & {
    capture: string;
    groundTruth: string;
    variant: string;
    baseline: string;
    minLabelled?: number;
    output: string;
  };

/** `mlmon monitor model-quality`, attached to the `monitor` command. */
export function registerMonitorModelQuality(monitor: Command): Command {
  return monitor
    .command('model-quality')
    .description('Model quality: merge predictions with late ground truth and check the baseline constraints')
    .requiredOption('--capture <root>', 'data-capture root (folder, file:// or s3://)')
    .requiredOption('--ground-truth <root>', 'ground-truth root (folder, file:// or s3://)')
    .requiredOption('--endpoint <name>', 'endpoint name')
    .option('--variant <name>', 'production variant', 'AllTraffic')
    .requiredOption('--baseline <dir>', 'folder holding the baseline constraints.json')
    .addOption(problemTypeOption())
    .option('--inference-attribute <attr>', 'prediction in the endpoint output: CSV index (0) or JSON path')
    .option('--probability-attribute <attr>', 'positive-class probability in the endpoint output (binary)')
    .option('--probability-threshold <x>', 'binary: predict positive when probability >= x', numberOption('--probability-threshold'))
    .option('--positive-label <label>', 'binary: the positive class (default 1)')
    .option('--ground-truth-attribute <path>', 'label inside JSON ground truth (default the value or "label")')
    .option('--start <iso>', 'window start (inference time, inclusive)', dateOption('--start', EXAMPLE_TIME))
    .option('--end <iso>', 'window end (exclusive)', dateOption('--end', EXAMPLE_TIME))
    .option('--scheduled-time <iso>', 'the execution time the offsets apply to', dateOption('--scheduled-time', EXAMPLE_TIME))
    .option('--start-offset <duration>', "SageMaker's StartTimeOffset, e.g. -P2D")
    .option('--end-offset <duration>', "SageMaker's EndTimeOffset, e.g. -P1D")
    .option('--ground-truth-until <iso>', 'read labels collected before this time (default: now)', dateOption('--ground-truth-until', EXAMPLE_TIME))
    .option('--min-labelled <n>', 'fewest labelled predictions worth judging (default 30)', numberOption('--min-labelled'))
    .option('--schedule <name>', 'monitoring schedule name (default {endpoint}-model-quality)')
    .requiredOption('--output <root>', 'reports root (folder, file:// or s3://)')
    .addHelpText('after', HELP)
    .action(async (options: MonitorOptions) => {
      const engine = await DuckDbEngine.create();
      try {
        const { capture, groundTruth, output, minLabelled, groundTruthUntil, ...monitorOptions } = options;
        const execution = await runModelQualityMonitor({
          ...monitorOptions,
          engine,
          captureStore: openObjectStore(capture),
          groundTruthStore: openObjectStore(groundTruth),
          // A CLI run judges with every label collected so far unless told otherwise.
          groundTruthUntil: groundTruthUntil ?? maxDate(new Date(), options.end, options.scheduledTime),
          minimumLabelledRecords: minLabelled,
          output: openObjectStore(output),
        });
        const merge = execution.merge;
        const lines = [
          `Window ${execution.window.start.toISOString()} – ${execution.window.end.toISOString()}`,
        ];
        if (merge) {
          lines.push(
            `Predictions ${merge.predictionsInWindow}, labelled ${merge.matchedRecords}, unlabelled ${merge.unlabelledPredictions}`,
            `Ground truth: ${merge.groundTruthRecords} records, ${merge.malformedGroundTruthRecords} malformed, ` +
              `${merge.duplicateGroundTruthRecords} duplicates (${merge.conflictingGroundTruthIds} conflicting), ` +
              `${merge.unknownGroundTruthIds} unknown ids, ${merge.labelsForEarlierWindows + merge.labelsForLaterWindows} for other windows`,
            ...merge.problems.map(p => `  ${p.file}:${p.line}: ${p.problem}`),
          );
        }
        for (const v of execution.violations) lines.push(`Violation ${v.metricName}: ${v.description}`);
        lines.push(`Reports under ${execution.reportPrefix}`, exitMessage(execution));
        process.stdout.write(`${lines.join('\n')}\n`);
        if (execution.status === 'Failed') process.exitCode = 1;
      } finally {
        await engine.close();
      }
    });
}

function maxDate(...dates: Array<Date | undefined>): Date {
  return new Date(Math.max(...dates.filter((d): d is Date => d !== undefined).map(d => d.getTime())));
}
