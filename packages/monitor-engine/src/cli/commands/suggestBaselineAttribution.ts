import { Command } from 'commander';
import { openObjectStore } from '../../storage/openObjectStore';
import { explainabilityAnalysis } from '../../clarify/attribution/explainabilityAnalysis';
import { writeClarifyReport } from '../../clarify/jobs/clarifyReportWriter';
import { addOutputOptions, printLines } from '../../clarify/cli/clarifyCliOptions';
import { AttributionCliOptions, addAttributionOptions, explainFromOptions } from '../../clarify/cli/attributionCliOptions';

const HELP = `
Computes global feature attributions (mean absolute SHAP per feature, Clarify's default
aggregation) and writes Clarify's explainability analysis.json: the baseline of a
feature-attribution-drift monitor. Attributions come from one of:
  --linear-model FILE    exact SHAP of a linear model, or of a logistic model in log-odds space
                         (add --kernel-shap to explain its probabilities, Clarify's default space)
  --endpoint-url URL     Kernel SHAP over a model behind HTTP (text/csv or application/json)
  --attribution-prefix P attributions the model returned, carried in columns P<feature>

Example:
  mlmon suggest-baseline feature-attribution --dataset train.csv \\
    --features age,education_num,hr_per_week --linear-model model.json --output ./baseline/shap
`;

export function registerSuggestBaselineAttribution(parent: Command, name = 'feature-attribution'): Command {
  const command = parent
    .command(name)
    .description("Suggest a feature-attribution baseline: Clarify's explainability analysis.json")
    .addHelpText('after', HELP);
  addAttributionOptions(command);
  addOutputOptions(command, false);
  command.action(async (options: AttributionCliOptions & { output: string; prefix: string }) => {
    const { local, seen } = await explainFromOptions(options);
    const analysis = explainabilityAnalysis(local, { label: options.shapLabel, aggregation: options.aggMethod });
    const written = await writeClarifyReport(openObjectStore(options.output), options.prefix, { analysis });
    printLines([
      `Explained ${local.values.length} of ${seen} rows (${local.method}, ${local.outputSpace} space)`,
      ...written.map(key => `Wrote ${key}`),
    ]);
  });
  return command;
}
