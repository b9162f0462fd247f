import { writeClarifyAnalysis } from '../analysis/clarifyAnalysisWriter';
import { BiasAnalysisConfig } from './biasAnalysisConfig';
import { BiasCounts, ConfusionCounts } from './biasCounts';
import { biasAnalysis, BiasAnalysisError, computePostTrainingMetrics } from './biasReport';
import { BiasTally } from './biasTally';
import { computeCountBasedMetric } from './postTrainingMetrics';

const c = (truePositive: number, falsePositive: number, falseNegative: number, trueNegative: number): ConfusionCounts => ({
  truePositive, falsePositive, falseNegative, trueNegative,
});
const counts = (advantaged: ConfusionCounts, disadvantaged: ConfusionCounts): BiasCounts => ({
  confusion: { advantaged, disadvantaged },
});

describe('count-based metrics: smclarify edge cases', () => {
  it('divides by zero as smclarify does', () => {
    // No advantaged positive predictions: DI = q̂d / 0 = +Infinity.
    expect(computeCountBasedMetric('DI', counts(c(0, 0, 3, 5), c(2, 1, 1, 1))).value).toBe(Infinity);
    // FP = 0 on both sides with FN > 0: both ratios +Infinity, TE = 0 (not NaN).
    expect(computeCountBasedMetric('TE', counts(c(1, 0, 2, 3), c(1, 0, 4, 3))).value).toBe(0);
    // FP = 0 only in the facet: TE = +Infinity; written as the string "Infinity".
    expect(computeCountBasedMetric('TE', counts(c(1, 1, 2, 3), c(1, 0, 4, 3))).value).toBe(Infinity);
    // No negative predictions but one negative label per group: both rejection ratios 1/0 =
    // +Infinity, so DCR = 0.
    expect(computeCountBasedMetric('DCR', counts(c(2, 1, 0, 0), c(2, 1, 0, 0))).value).toBe(0);
    // No facet rows predicted positive: DAR = TPa/n̂a1 − 0/0 = 3/4 − 0 (0/0 is 0).
    expect(computeCountBasedMetric('DAR', counts(c(3, 1, 0, 4), c(0, 0, 2, 5))).value).toBe(0.75);
  });

  it('reports Clarify error texts for empty groups and a missing group variable', () => {
    const noFacet = counts(c(1, 1, 1, 1), c(0, 0, 0, 0));
    expect(computeCountBasedMetric('DCA', noFacet)).toMatchObject({ value: null, error: 'DCO: Facet set is empty' });
    expect(computeCountBasedMetric('DAR', noFacet).error).toBe('DLR: Facet set is empty');
    expect(computeCountBasedMetric('RD', noFacet).error).toBe('DLA: Facet set is empty');
    expect(computeCountBasedMetric('DPPL', noFacet).error).toBe('Facet set is empty.');
    expect(computeCountBasedMetric('AD', counts(c(0, 0, 0, 0), c(1, 1, 1, 1))).error).toBe('Negated Facet set is empty');
    expect(computeCountBasedMetric('CDDPL', noFacet)).toEqual({
      name: 'CDDPL',
      description: 'Conditional Demographic Disparity in Predicted Labels (CDDPL)',
      value: null,
      error: 'Group variable is empty or not provided',
    });
  });

  it('computes CDDPL from per-group counts', () => {
    // Group g1 (10 rows): 4 accepted (1 in facet), 6 rejected (3 in facet): DD = 3/6 − 1/4 = 0.25
    // Group g2 (5 rows): 2 accepted (2 in facet), 3 rejected (0 in facet): DD = 0 − 1 = −1
    // CDDPL = (10·0.25 + 5·(−1)) / 15 = −1/6
    const value = computeCountBasedMetric('CDDPL', {
      ...counts(c(1, 1, 1, 1), c(1, 1, 1, 1)),
      groups: [
        { group: 'g1', predictedPositive: 4, predictedPositiveInFacet: 1, predictedNegative: 6, predictedNegativeInFacet: 3 },
        { group: 'g2', predictedPositive: 2, predictedPositiveInFacet: 2, predictedNegative: 3, predictedNegativeInFacet: 0 },
      ],
    }).value;
    expect(value).toBeCloseTo(-1 / 6, 15);
  });

  it('fails the whole analysis when nothing is predicted positive, as Clarify does', () => {
    const config: BiasAnalysisConfig = {
      facet: { column: 'sex', values: ['Female'] },
      label: { column: 'y', positiveValues: [1] },
      prediction: { column: 'p', probabilityThreshold: 0.5 },
    };
    const tally: BiasTally = {
      counts: counts(c(0, 0, 3, 3), c(0, 0, 2, 2)),
      rowsUsed: 10,
      rowsSkipped: { facet: 0, label: 0, prediction: 0, groupVariable: 0 },
    };
    expect(() => computePostTrainingMetrics(config, tally)).toThrow(BiasAnalysisError);
    const written = writeClarifyAnalysis(
      biasAnalysis(config, { ...tally, counts: counts(c(1, 1, 2, 3), c(1, 0, 4, 3)) }),
    );
    expect(written).toContain('"name": "TE",\n                            "description": "Treatment Equality (TE)",\n                            "value": "Infinity"');
    expect(written).toContain('"value_or_threshold": "Female"');
    expect(written).toContain('"label_value_or_threshold": "1"');
  });
});
