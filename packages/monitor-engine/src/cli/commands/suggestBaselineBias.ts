import path from 'node:path';
import { Command } from 'commander';
import { DuckDbEngine } from '../../sql/DuckDbEngine';
import { openObjectStore } from '../../storage/openObjectStore';
import { fileRelation } from '../../clarify/bias/biasTallySql';
import { datasetFormatOf } from '../../clarify/dataset/readTabularDataset';
import { runBiasAnalysis } from '../../clarify/jobs/biasJobs';
import { writeClarifyReport } from '../../clarify/jobs/clarifyReportWriter';
import {
  BiasCliOptions,
  addBiasConfigOptions,
  addOutputOptions,
  biasConfigFromOptions,
  printLines,
} from '../../clarify/cli/clarifyCliOptions';

const HELP = `
Computes Clarify's post-training bias metrics (AD, CDDPL, DAR, DCA, DCR, DI, DPPL, DRR, FT, GE,
RD, SD, TE) over a data set holding features, prediction and label, and writes Clarify's
analysis.json: the baseline ("constraints") of a bias-drift monitor.

Example (Adult census, facet sex = Female, positive label >50K, scores thresholded at 0.5):
  mlmon suggest-baseline bias --dataset adult_scored.csv --facet sex --facet-values Female \\
    --label income --label-values '>50K' --prediction score --probability-threshold 0.5 \\
    --group-variable race --flip-test-features age,education_num,hr_per_week --output ./baseline/bias
`;

/** `… bias`: a bias baseline. `name` lets the command live under suggest-baseline or at top level. */
export function registerSuggestBaselineBias(parent: Command, name = 'bias'): Command {
  const command = parent
    .command(name)
    .description("Suggest a bias-drift baseline: Clarify's post-training bias analysis.json")
    .addHelpText('after', HELP);
  addBiasConfigOptions(command);
  addOutputOptions(command, false);
  command.action(async (options: BiasCliOptions & { output: string; prefix: string }) => {
    const config = biasConfigFromOptions(options);
    const dataset = path.resolve(options.dataset);
    const engine = await DuckDbEngine.create();
    try {
      const { analysis, tally } = await runBiasAnalysis({
        engine,
        relation: fileRelation(dataset, datasetFormatOf(dataset)),
        config,
        maxFlipTestRows: options.maxFlipTestRows,
      });
      const written = await writeClarifyReport(openObjectStore(options.output), options.prefix, { analysis });
      printLines([
        `Rows used: ${tally.rowsUsed}; skipped: ${JSON.stringify(tally.rowsSkipped)}`,
        ...written.map(key => `Wrote ${key}`),
      ]);
    } finally {
      await engine.close();
    }
  });
  return command;
}
