import path from 'node:path';
import { Command } from 'commander';
import { DuckDbEngine } from '../../sql/DuckDbEngine';
import { ProblemType } from '../../modelQuality/problemType';
import { suggestModelQualityBaseline } from '../../modelQuality/suggestModelQualityBaseline';
import { numberOption, problemTypeOption } from './optionParsers';

const HELP = `
Computes SageMaker's model-quality metrics of a baseline CSV (one row per prediction, with the
ground truth) and writes statistics.json and the suggested constraints.json. Without --header
the columns are named _c0, _c1, … as in SageMaker.

Example:
  mlmon suggest-baseline model-quality --problem-type BinaryClassification \\
    --dataset validation-with-predictions.csv --header --inference-attribute prediction \\
    --probability-attribute probability --ground-truth-attribute label --output ./baseline/model-quality
`;

interface SuggestOptions {
  problemType: ProblemType;
  dataset: string;
  header?: boolean;
  inferenceAttribute?: string;
  probabilityAttribute?: string;
  groundTruthAttribute: string;
  probabilityThreshold?: number;
  positiveLabel?: string;
  output: string;
}

/** `mlmon suggest-baseline model-quality`, attached to the `suggest-baseline` command. */
export function registerSuggestBaselineModelQuality(suggestBaseline: Command): Command {
  const command = suggestBaseline
    .command('model-quality')
    .description('Model-quality baseline: metrics of predictions vs ground truth, and suggested constraints')
    .addOption(problemTypeOption().makeOptionMandatory())
    .requiredOption('--dataset <file>', 'baseline CSV with predictions and ground truth')
    .option('--header', 'the first line of the CSV names the columns', false)
    .option('--inference-attribute <column>', 'column of the predicted label or value')
    .option('--probability-attribute <column>', 'column of the positive-class probability (binary)')
    .requiredOption('--ground-truth-attribute <column>', 'column of the ground-truth label or value')
    .option(
      '--probability-threshold <x>',
      'binary: predict the positive label when probability >= x (default 0.5)',
      numberOption('--probability-threshold'),
    )
    .option('--positive-label <label>', 'binary: the positive class (default 1)')
    .requiredOption('--output <dir>', 'folder, file:// or s3:// location for the two files')
    .addHelpText('after', HELP)
    .action(async (options: SuggestOptions) => {
      const engine = await DuckDbEngine.create();
      try {
        const result = await suggestModelQualityBaseline({
          engine,
          dataset: path.resolve(options.dataset),
          header: options.header ?? false,
          problemType: options.problemType,
          inferenceAttribute: options.inferenceAttribute,
          probabilityAttribute: options.probabilityAttribute,
          groundTruthAttribute: options.groundTruthAttribute,
          probabilityThreshold: options.probabilityThreshold,
          positiveLabel: options.positiveLabel,
          outputDir: options.output,
        });
        const lines = [`Rows: ${result.metrics.itemCount}`];
        for (const [name, metric] of result.metrics.values) lines.push(`${name}: ${metric.value}`);
        lines.push(`Wrote ${result.statisticsUrl}`, `Wrote ${result.constraintsUrl}`);
        process.stdout.write(`${lines.join('\n')}\n`);
      } finally {
        await engine.close();
      }
    });
  return command;
}
