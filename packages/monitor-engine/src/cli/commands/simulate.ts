import { Command, InvalidArgumentError, Option } from 'commander';
import { simulateTraffic } from '../../simulate/simulateTraffic';
import { parseDuration } from '../../schedule/isoOffset';
import { parseDriftSpec } from '../../simulate/driftSpec';
import { parseDegradeSpec } from '../../simulate/predictionModel';

const HELP = `
Writes captured endpoint traffic in SageMaker's data-capture layout,
  {output}/{endpoint}/{variant}/yyyy/mm/dd/HH/{MM}-{SS}-{mmm}-{uuid}.jsonl
sampling rows of a CSV data set with a seeded generator (the same seed writes the same files).
With --ground-truth, also writes ground-truth records ({root}/yyyy/mm/dd/HH/, HH = the hour the
label arrives) whose eventId matches the capture's eventId (or inferenceId with --inference-ids).

Predictions: with --label, derived from the true label (binary: probability of the positive
class, right with probability --accuracy; multiclass: the class; regression: the label with a
relative error of --error). Without --label, a fixed linear score of the numeric inputs.

--drift SPEC   episodes separated by ';', each COLUMN:OP[,OP...][,from=ISO][,to=ISO][,ramp=DURATION]
  scale=F        multiply a numeric column by F         median_income:scale=1.6,from=2026-11-20T10:00Z
  shift=F        add F to a numeric column              housing_median_age:shift=10
  noise=F        add normal noise of F standard deviations
  missing=P      empty the value with probability P     total_bedrooms:missing=0.3
  set=V[@P]      replace by V (with probability P)      ocean_proximity:set=INLAND@0.5
  from/to        ISO times (default: the whole run); ramp=6h grows the drift linearly from 'from'

--degrade SPEC  episodes separated by ';': accuracy=P | error=F | bias=F, with from/to/ramp
  e.g. accuracy=0.6,from=2026-11-21T00:00Z,ramp=12h   or   error=0.4,bias=0.15,from=2026-11-21T00:00Z

Example:
  mlmon simulate --dataset california_housing.csv --endpoint housing --output ./capture \\
    --start 2026-11-20T00:00Z --hours 48 --rate 500 --label median_house_value \\
    --drift 'median_income:scale=1.6,from=2026-11-21T00:00Z' \\
    --ground-truth ./ground-truth --label-delay 2d --degrade 'error=0.3,from=2026-11-21T00:00Z'
`;

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number');
  return n;
}

function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number');
  return n;
}

function isoTime(value: string): Date {
  const time = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(time.getTime())) {
    throw new InvalidArgumentError('expected an ISO time such as 2026-11-20T00:00Z');
  }
  return time;
}

function checked<T>(parse: (value: string) => T): (value: string) => T {
  return value => {
    try {
      return parse(value);
    } catch (error) {
      throw new InvalidArgumentError((error as Error).message);
    }
  };
}

function probability(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('expected a number from 0 to 1');
  return n;
}

/** `mlmon simulate`: synthetic captured traffic (and ground truth) from a real data set. */
export function registerSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .description('Write captured endpoint traffic (and ground truth) in SageMaker layout from a data set')
    .requiredOption('--dataset <file>', 'CSV data set with a header row')
    .requiredOption('--endpoint <name>', 'endpoint name (first key level)')
    .requiredOption('--output <root>', 'capture root: a folder, file:// or s3:// URL')
    .requiredOption('--start <iso>', 'first inference hour, e.g. 2026-11-20T00:00Z', isoTime)
    .requiredOption('--hours <n>', 'number of hours of traffic', wholeNumber)
    .requiredOption('--rate <perHour>', 'records per hour', positiveNumber)
    .option('--drift <spec>', 'drift episodes on input columns (see below)', checked(parseDriftSpec))
    .option('--variant <name>', 'production variant', 'AllTraffic')
    .option('--seed <n>', 'random seed', wholeNumber, 1)
    .addOption(new Option('--format <format>', 'payload format').choices(['csv', 'json']).default('csv'))
    .option('--label <column>', 'label column: excluded from inputs, source of predictions and ground truth')
    .option('--positive-label <value>', 'binary labels: the value reported as 1')
    .option('--accuracy <p>', 'classification: probability a prediction is right', probability, 0.9)
    .option('--error <f>', 'regression: standard deviation of the relative error', positiveNumber, 0.1)
    .option('--ground-truth <root>', 'ground-truth root: a folder, file:// or s3:// URL')
    .option('--label-delay <duration>', 'labels arrive this long after inference (2d, 6h, PT36H)', checked(parseDuration), 0)
    .option('--degrade <spec>', 'model quality degradation over time (see below)', checked(parseDegradeSpec))
    .option('--inference-ids', 'add eventMetadata.inferenceId; ground truth joins on it')
    .option('--file-minutes <n>', 'minutes of traffic per capture file', wholeNumber, 1)
    .addHelpText('after', HELP)
    .action(async opts => {
      const started = Date.now();
      const result = await simulateTraffic({
        dataset: opts.dataset,
        endpoint: opts.endpoint,
        variant: opts.variant,
        output: opts.output,
        start: opts.start,
        hours: opts.hours,
        ratePerHour: opts.rate,
        seed: opts.seed,
        format: opts.format,
        drift: opts.drift,
        label: opts.label,
        positiveLabel: opts.positiveLabel,
        modelQuality: { accuracy: opts.accuracy, error: opts.error },
        groundTruth: opts.groundTruth,
        labelDelayMs: opts.labelDelay,
        degrade: opts.degrade,
        inferenceIds: Boolean(opts.inferenceIds),
        fileMinutes: opts.fileMinutes,
      });
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(
        `Wrote ${result.captureRecords} capture records in ${result.captureFiles} files` +
          `${opts.groundTruth ? ` and ${result.groundTruthRecords} ground-truth records in ${result.groundTruthFiles} files` : ''}` +
          ` (${result.firstInferenceTime ?? '-'} to ${result.lastInferenceTime ?? '-'}, ${result.driftedRecords} drifted) in ${seconds}s\n`,
      );
      if (result.rowsWithoutLabel > 0) {
        process.stdout.write(`Skipped ${result.rowsWithoutLabel} data set rows with an empty label\n`);
      }
    });
}
