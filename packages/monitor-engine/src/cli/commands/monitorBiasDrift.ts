import path from 'node:path';
import { Command } from 'commander';
import { DuckDbEngine } from '../../sql/DuckDbEngine';
import { openObjectStore } from '../../storage/openObjectStore';
import { fileRelation } from '../../clarify/bias/biasTallySql';
import { datasetFormatOf } from '../../clarify/dataset/readTabularDataset';
import { runBiasDriftMonitor } from '../../clarify/jobs/biasJobs';
import { clarifyExitMessage, writeClarifyReport } from '../../clarify/jobs/clarifyReportWriter';
import {
  BiasCliOptions,
  addBiasConfigOptions,
  addOutputOptions,
  biasConfigFromOptions,
  printLines,
  readBaselineAnalysis,
} from '../../clarify/cli/clarifyCliOptions';

const HELP = `
One bias-drift monitoring execution over a window's merged predictions and ground truth (a CSV
or JSON Lines file with the features, the prediction and the label). Writes analysis.json and,
when a metric moved farther from its ideal value (1 for DI, 0 for the others) than the
baseline's, constraint_violations.json with bias_drift_check entries worded as SageMaker's; the
CloudWatch records (bias_metric_*) go to cloudwatch_metrics.jsonl.

Example:
  mlmon monitor bias-drift --baseline ./baseline/bias/analysis.json --dataset window.jsonl \\
    --facet sex --facet-values Female --label income --label-values '>50K' \\
    --prediction score --probability-threshold 0.5 --endpoint adult --schedule adult-bias \\
    --scheduled-time 2026-11-20T05:00Z --output ./reports --prefix adult/adult-bias/2026/11/20/05
`;

export function registerMonitorBiasDrift(monitor: Command): Command {
  const command = monitor
    .command('bias-drift')
    .description('Bias drift: post-training bias metrics of a window checked against a Clarify baseline')
    .addHelpText('after', HELP);
  addBiasConfigOptions(command);
  addOutputOptions(command, true);
  command.action(
    async (
      options: BiasCliOptions & { output: string; prefix: string; baseline: string; endpoint?: string; schedule: string; scheduledTime?: Date },
    ) => {
      const config = biasConfigFromOptions(options);
      const baseline = await readBaselineAnalysis(options.baseline);
      const dataset = path.resolve(options.dataset);
      const engine = await DuckDbEngine.create();
      try {
        const result = await runBiasDriftMonitor({
          engine,
          relation: fileRelation(dataset, datasetFormatOf(dataset)),
          config,
          baseline,
          maxFlipTestRows: options.maxFlipTestRows,
          metricContext: {
            endpoint: options.endpoint,
            monitoringSchedule: options.schedule,
            timestamp: options.scheduledTime ?? new Date(),
          },
        });
        const written = await writeClarifyReport(openObjectStore(options.output), options.prefix, result);
        printLines([
          `Rows used: ${result.tally.rowsUsed}; skipped: ${JSON.stringify(result.tally.rowsSkipped)}`,
          ...result.violations.map(v => `Violation ${v.metric_name} (${v.facet}=${v.facet_value}): ${v.description}`),
          ...written.map(key => `Wrote ${key}`),
          clarifyExitMessage(result.violations.length),
        ]);
      } finally {
        await engine.close();
      }
    },
  );
  return command;
}
