import { Command } from 'commander';
import { openObjectStore } from '../../storage/openObjectStore';
import { DEFAULT_ATTRIBUTION_DRIFT_THRESHOLD } from '../../clarify/attribution/attributionDriftCheck';
import { attributionDriftFromLocal } from '../../clarify/jobs/attributionJobs';
import { clarifyExitMessage, writeClarifyReport } from '../../clarify/jobs/clarifyReportWriter';
import { addOutputOptions, finiteNumber, printLines, readBaselineAnalysis } from '../../clarify/cli/clarifyCliOptions';
import { AttributionCliOptions, addAttributionOptions, explainFromOptions } from '../../clarify/cli/attributionCliOptions';

const HELP = `
One feature-attribution-drift execution: global SHAP values of the window's rows, compared with
the baseline's by NDCG of the feature ranking (baseline attributions as relevance). Below the
threshold (0.9, as SageMaker), constraint_violations.json gets a feature_attribution_drift_check
entry worded as SageMaker's, and the features are listed by how much they contributed (change
of attribution weighted by baseline attribution) so you know which to look at first.

Example:
  mlmon monitor feature-attribution-drift --baseline ./baseline/shap/analysis.json \\
    --dataset window.csv --features age,education_num,hr_per_week --linear-model model.json \\
    --endpoint adult --schedule adult-shap --output ./reports --prefix adult/adult-shap/2026/11/20/05
`;

export function registerMonitorAttributionDrift(monitor: Command): Command {
  const command = monitor
    .command('feature-attribution-drift')
    .description('Feature attribution drift: NDCG of global SHAP rankings against a Clarify baseline')
    .addHelpText('after', HELP);
  addAttributionOptions(command);
  addOutputOptions(command, true);
  command.option('--threshold <ndcg>', 'NDCG below which the window violates', finiteNumber, DEFAULT_ATTRIBUTION_DRIFT_THRESHOLD);
  command.action(
    async (
      options: AttributionCliOptions & {
        output: string; prefix: string; baseline: string; endpoint?: string; schedule: string; scheduledTime?: Date; threshold: number;
      },
    ) => {
      const baseline = await readBaselineAnalysis(options.baseline);
      const { local, seen } = await explainFromOptions(options);
      const drift = attributionDriftFromLocal(local, {
        baseline,
        threshold: options.threshold,
        label: options.shapLabel,
        aggregation: options.aggMethod,
        metricContext: { endpoint: options.endpoint, monitoringSchedule: options.schedule, timestamp: options.scheduledTime ?? new Date() },
      });
      const written = await writeClarifyReport(openObjectStore(options.output), options.prefix, drift);
      const lines = [`Explained ${local.values.length} of ${seen} rows (${local.method}, ${local.outputSpace} space)`];
      for (const [label, ndcg] of Object.entries(drift.ndcgByLabel)) {
        lines.push(`NDCG ${label}: ${ndcg}`);
        for (const c of drift.contributorsByLabel[label].slice(0, 5)) {
          lines.push(`  ${c.rank}. ${c.feature}: attribution changed by ${c.drift} (${(c.share * 100).toFixed(1)}% of the weighted change)`);
        }
      }
      if (Object.keys(drift.ndcgByLabel).length === 0) lines.push('No label in common with the baseline: nothing compared');
      lines.push(...drift.violations.map(v => `Violation ${v.label}: ${v.description}`));
      lines.push(...written.map(key => `Wrote ${key}`), clarifyExitMessage(drift.violations.length));
      printLines(lines);
    },
  );
  return command;
}
