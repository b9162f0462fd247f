import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { usageErrorsExitWith2 } from './usageExitCode';
import { DuckDbEngine } from '../../sql/DuckDbEngine';
import { DatasetError } from '../../baseline/datasetTable';
import { suggestBaseline } from '../../baseline/suggestBaseline';

const HELP = `
Profiles a baseline data set the way SageMaker's model-monitor analyzer does and writes
statistics.json and constraints.json to --output. CSV files without --header get columns
_c0, _c1, … (as Spark names them). Put the model's output column first in the data set when
the captured output should be checked too (SageMaker's output_columns_position START).

Example:
  mlmon suggest-baseline --dataset train.csv --header --output ./baseline
`;

interface SuggestOptions {
  dataset?: string;
  format?: 'csv' | 'jsonl';
  header?: boolean;
  output?: string;
}

function formatOption(value: string): 'csv' | 'jsonl' {
  if (value === 'csv' || value === 'jsonl') return value;
  throw new InvalidArgumentError(
    `--format must be csv or jsonl, got '${value}'`,
  );
}

/** The format from the file name: .jsonl / .json are JSON Lines, everything else CSV. */
function guessFormat(file: string): 'csv' | 'jsonl' {
  return /\.jsonl?$/i.test(file) ? 'jsonl' : 'csv';
}

/**
 * `mlmon suggest-baseline`: the data-quality baseline is the command's own action; other
 * baselines (model quality, …) attach to the returned Command as sub-commands. Its options are
 * positional, so options written after a sub-command's name reach the sub-command.
 */
export function registerSuggestBaseline(program: Command): Command {
  const command = program
    .command('suggest-baseline')
    .description(
      'Suggest a data-quality baseline (statistics.json, constraints.json) from a data set',
    )
    .enablePositionalOptions()
    .passThroughOptions()
    .exitOverride(usageErrorsExitWith2)
    .option('--dataset <file>', 'baseline data set: CSV or JSON Lines')
    .option(
      '--format <format>',
      'csv or jsonl (default: from the file name)',
      formatOption,
    )
    .option('--header', 'the CSV file starts with a header row', false)
    .option(
      '--output <dir>',
      'folder to write statistics.json and constraints.json to',
    )
    .addHelpText('after', HELP)
    .action(async (options: SuggestOptions, cmd: Command) => {
      if (!options.dataset || !options.output) {
        const missing = ['--dataset', '--output'].filter(
          (_, i) => ![options.dataset, options.output][i],
        );
        cmd.error(`error: missing required option(s) ${missing.join(', ')}`, {
          exitCode: 2,
          code: 'mlmon.missingOption',
        });
        return;
      }
      const engine = await DuckDbEngine.create();
      try {
        const result = await suggestBaseline({
          engine,
          dataset: {
            path: path.resolve(options.dataset),
            format: options.format ?? guessFormat(options.dataset),
            header: options.header,
          },
          output: { dir: path.resolve(options.output) },
        });
        const features = result.statistics.features;
        process.stdout.write(
          `${[
            `Profiled ${result.statistics.dataset.item_count} rows, ${features.length} features:`,
            ...features.map(f => `  ${f.name}: ${f.inferred_type}`),
            ...result.written.map(file => `Wrote ${file}`),
          ].join('\n')}\n`,
        );
      } catch (error) {
        if (!(error instanceof DatasetError)) throw error;
        process.stderr.write(`mlmon suggest-baseline: ${error.message}\n`);
        process.exitCode = 1;
      } finally {
        await engine.close();
      }
    });
  return command;
}
