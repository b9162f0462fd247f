import { ClarifyAnalysis, ClarifyBiasSection } from '../analysis/clarifyAnalysisSchema';
import { jsonMetricValue } from '../analysis/clarifyAnalysisWriter';
import { pythonFloatRepr } from '../analysis/pythonJson';
import { BiasAnalysisConfig, isThresholdFacet, isThresholdLabel } from './biasAnalysisConfig';
import { confusionTotal } from './biasCounts';
import {
  BiasMetricResult,
  POST_TRAINING_METRIC_DESCRIPTIONS,
  POST_TRAINING_METRIC_NAMES,
} from './biasMetricCatalog';
import { BiasTally, NumericRange } from './biasTally';
import { computeCountBasedMetric, isCountBasedMetric } from './postTrainingMetrics';

/** Raised when Clarify itself would fail the whole analysis (not just one metric). */
export class BiasAnalysisError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BiasAnalysisError';
  }
}

/** Computes every requested post-training metric, sorted by name as smclarify reports them. */
export function computePostTrainingMetrics(
  config: BiasAnalysisConfig,
  tally: BiasTally,
  flipTestResult?: BiasMetricResult,
): BiasMetricResult[] {
  if (tally.rowsUsed === 0) {
    throw new BiasAnalysisError(
      `No usable rows for the bias analysis (skipped: ${JSON.stringify(tally.rowsSkipped)})`,
    );
  }
  const { advantaged, disadvantaged } = tally.counts.confusion;
  const predictedPositive =
    advantaged.truePositive + advantaged.falsePositive + disadvantaged.truePositive + disadvantaged.falsePositive;
  if (predictedPositive === 0) {
    // smclarify refuses the whole post-training report in this case (_positive_predicted_index).
    throw new BiasAnalysisError(
      'No Label values are present in the predicted Label Column,Positive Predicted Index Series contains all False values',
    );
  }
  const names = [...(config.metrics ?? POST_TRAINING_METRIC_NAMES)].sort();
  return names.map(name => {
    if (isCountBasedMetric(name)) return computeCountBasedMetric(name, tally.counts);
    return (
      flipTestResult ?? {
        name,
        description: POST_TRAINING_METRIC_DESCRIPTIONS.FT,
        value: null,
        error: 'Flip Test needs the feature rows; no feature columns were given',
      }
    );
  });
}

/** Clarify's text for a facet selection: "Female" / "a,b" / "(100, 225]". */
export function facetValueOrThreshold(config: BiasAnalysisConfig, tally: BiasTally): string {
  const { facet } = config;
  if (isThresholdFacet(facet)) return intervalText(facet.threshold, tally.facetRange);
  return facet.values.map(pythonStr).join(',');
}

export function labelValueOrThreshold(config: BiasAnalysisConfig, tally: BiasTally): string {
  const { label } = config;
  if (isThresholdLabel(label)) return intervalText(label.threshold, tally.labelRange);
  return label.positiveValues.map(pythonStr).join(',');
}

/**
 * pandas' Interval text for (threshold, observed max]: integers when the column holds whole
 * numbers and the threshold is whole, Python floats otherwise ("(0.5, 0.9936148802477393]").
 */
function intervalText(threshold: number, range: NumericRange | undefined): string {
  const max = range?.max ?? threshold;
  const integral = (range?.allIntegers ?? false) && Number.isInteger(threshold);
  const format = (n: number) => (integral ? String(n) : pythonFloatRepr(n));
  const [low, high] = threshold <= max ? [threshold, max] : [max, threshold];
  return `(${format(low)}, ${format(high)}]`;
}

function pythonStr(value: string | number): string {
  if (typeof value === 'string') return value;
  return Number.isInteger(value) ? String(value) : pythonFloatRepr(value);
}

/** The post_training_bias_metrics section of analysis.json. */
export function postTrainingBiasSection(
  config: BiasAnalysisConfig,
  tally: BiasTally,
  flipTestResult?: BiasMetricResult,
): ClarifyBiasSection {
  const metrics = computePostTrainingMetrics(config, tally, flipTestResult);
  return {
    label: config.label.column,
    facets: {
      [config.facet.column]: [
        {
          value_or_threshold: facetValueOrThreshold(config, tally),
          metrics: metrics.map(m => ({
            name: m.name,
            description: m.description,
            value: m.value === null ? null : jsonMetricValue(m.value),
            ...(m.error !== undefined ? { error: m.error } : {}),
          })),
        },
      ],
    },
    label_value_or_threshold: labelValueOrThreshold(config, tally),
  };
}

/** A whole bias analysis.json (post-training metrics only, as the model-bias monitor checks). */
export function biasAnalysis(
  config: BiasAnalysisConfig,
  tally: BiasTally,
  flipTestResult?: BiasMetricResult,
): ClarifyAnalysis {
  return { version: '1.0', post_training_bias_metrics: postTrainingBiasSection(config, tally, flipTestResult) };
}

/** Rows in the facet and outside it, for logs and reports. */
export function facetSizes(tally: BiasTally): { facet: number; rest: number } {
  return {
    facet: confusionTotal(tally.counts.confusion.disadvantaged),
    rest: confusionTotal(tally.counts.confusion.advantaged),
  };
}
