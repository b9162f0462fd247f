import {
  BiasCounts,
  ConfusionCounts,
  FacetConfusionCounts,
  GroupPredictionCounts,
  confusionTotal,
} from './biasCounts';
import {
  BiasMetricResult,
  POST_TRAINING_METRIC_DESCRIPTIONS,
  PostTrainingMetricName,
} from './biasMetricCatalog';
import { differenceOfRatios, smclarifyDivide as divide } from './smclarifyArithmetic';

/**
 * Clarify's count-based post-training bias metrics, as smclarify defines them
 * (src/smclarify/bias/metrics/posttraining.py and common.py): same formulas, same division rule,
 * same checks in the same order and the same error texts, because Clarify writes the error text
 * into analysis.json when a metric cannot be computed. FT needs the feature rows and lives in
 * flipTest.ts.
 */
export type CountBasedMetricName = Exclude<PostTrainingMetricName, 'FT'>;

/** Raised by a metric that cannot be computed; the message goes to analysis.json's "error". */
export class BiasMetricError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BiasMetricError';
  }
}

function fail(message: string): never {
  throw new BiasMetricError(message);
}

const predictedPositive = (c: ConfusionCounts) => c.truePositive + c.falsePositive;
const predictedNegative = (c: ConfusionCounts) => c.trueNegative + c.falseNegative;
const labelPositive = (c: ConfusionCounts) => c.truePositive + c.falseNegative;
const labelNegative = (c: ConfusionCounts) => c.trueNegative + c.falsePositive;

/** The emptiness checks of AD/TE/FT/DCO/DLR/DLA: facet first, then the rest. */
function requireBothGroups(counts: FacetConfusionCounts, prefix = ''): void {
  if (confusionTotal(counts.disadvantaged) === 0) fail(`${prefix}Facet set is empty`);
  if (confusionTotal(counts.advantaged) === 0) fail(`${prefix}Negated Facet set is empty`);
}

/** DPPL = q̂a − q̂d, the proportions of positive predictions (smclarify common.DPL). */
export function differenceInPositiveProportionsInPredictedLabels(c: FacetConfusionCounts): number {
  const na = confusionTotal(c.advantaged);
  const nd = confusionTotal(c.disadvantaged);
  if (na === 0) fail('Negative facet set is empty.');
  if (nd === 0) fail('Facet set is empty.');
  return predictedPositive(c.advantaged) / na - predictedPositive(c.disadvantaged) / nd;
}

/** DI = q̂d / q̂a. */
export function disparateImpact(c: FacetConfusionCounts): number {
  const na = confusionTotal(c.advantaged);
  if (na === 0) fail('Negated facet set is empty');
  const qa = predictedPositive(c.advantaged) / na;
  const nd = confusionTotal(c.disadvantaged);
  if (nd === 0) fail('Facet set is empty');
  const qd = predictedPositive(c.disadvantaged) / nd;
  return divide(qd, qa);
}

/** DCA = na1/n̂a1 − nd1/n̂d1 and DCR = nd0/n̂d0 − na0/n̂a0 (smclarify common.DCO). */
export function differenceInConditionalOutcomes(c: FacetConfusionCounts): { dca: number; dcr: number } {
  requireBothGroups(c, 'DCO: ');
  const { advantaged: a, disadvantaged: d } = c;
  const rrA = divide(labelNegative(a), predictedNegative(a));
  const rrD = divide(labelNegative(d), predictedNegative(d));
  const ca = divide(labelPositive(a), predictedPositive(a));
  const cd = divide(labelPositive(d), predictedPositive(d));
  return { dca: differenceOfRatios(ca, cd), dcr: differenceOfRatios(rrD, rrA) };
}

/** DAR = TPa/n̂a1 − TPd/n̂d1 and DRR = TNd/n̂d0 − TNa/n̂a0 (smclarify common.DLR). */
export function differenceInLabelRates(c: FacetConfusionCounts): { dar: number; drr: number } {
  requireBothGroups(c, 'DLR: ');
  const { advantaged: a, disadvantaged: d } = c;
  const arA = divide(a.truePositive, predictedPositive(a));
  const arD = divide(d.truePositive, predictedPositive(d));
  const rrA = divide(a.trueNegative, predictedNegative(a));
  const rrD = divide(d.trueNegative, predictedNegative(d));
  return { dar: differenceOfRatios(arA, arD), drr: differenceOfRatios(rrD, rrA) };
}

/** RD = recall_a − recall_d and SD = specificity_d − specificity_a (smclarify common.DLA). */
export function differenceInLabelAccuracy(c: FacetConfusionCounts): { rd: number; sd: number } {
  requireBothGroups(c, 'DLA: ');
  const { advantaged: a, disadvantaged: d } = c;
  const recA = divide(a.truePositive, a.truePositive + a.falseNegative);
  const spA = divide(a.trueNegative, a.trueNegative + a.falsePositive);
  const recD = divide(d.truePositive, d.truePositive + d.falseNegative);
  const spD = divide(d.trueNegative, d.trueNegative + d.falsePositive);
  return { rd: differenceOfRatios(recA, recD), sd: differenceOfRatios(spD, spA) };
}

/** AD = accuracy_a − accuracy_d. */
export function accuracyDifference(c: FacetConfusionCounts): number {
  requireBothGroups(c);
  const { advantaged: a, disadvantaged: d } = c;
  const accA = divide(a.truePositive + a.trueNegative, confusionTotal(a));
  const accD = divide(d.truePositive + d.trueNegative, confusionTotal(d));
  return differenceOfRatios(accA, accD);
}

/** TE = FNd/FPd − FNa/FPa. */
export function treatmentEquality(c: FacetConfusionCounts): number {
  requireBothGroups(c);
  const tauA = divide(c.advantaged.falseNegative, c.advantaged.falsePositive);
  const tauD = divide(c.disadvantaged.falseNegative, c.disadvantaged.falsePositive);
  return differenceOfRatios(tauD, tauA);
}

/**
 * GE with α = 2 over all rows (facet-independent): benefit b = ŷ − y + 1, so b = 0 for a false
 * negative, 1 for a correct prediction and 2 for a false positive;
 * GE = Σ((b/mean b)² − 1) / (N·α·(α−1)).
 */
export function generalizedEntropy(c: FacetConfusionCounts): number {
  const all = sumConfusion(c.advantaged, c.disadvantaged);
  const n = confusionTotal(all);
  if (n <= 0) fail('dataset must be non-empty');
  const correct = all.truePositive + all.trueNegative;
  const meanBenefit = (correct + 2 * all.falsePositive) / n;
  if (meanBenefit === 0) {
    fail(
      'All predicted labels are false negatives. There should be at least one prediction that is not false negative.',
    );
  }
  const sumOfTerms =
    correct * ((1 / meanBenefit) ** 2 - 1) +
    all.falsePositive * ((2 / meanBenefit) ** 2 - 1) +
    all.falseNegative * -1;
  return sumOfTerms / (n * 2 * 1);
}

/**
 * CDDPL = Σ_i n_i·DD_i / Σ_i n_i over the group variable's values i, with
 * DD_i = (facet rows predicted negative / rows predicted negative) − (facet rows predicted positive
 * / rows predicted positive) inside group i (0 for an empty denominator), as smclarify common.CDD.
 */
export function conditionalDemographicDisparityInPredictedLabels(
  groups: GroupPredictionCounts[] | undefined,
): number {
  if (!groups || groups.length === 0) fail('Group variable is empty or not provided');
  const totalPositive = groups.reduce((s, g) => s + g.predictedPositive, 0);
  if (totalPositive === 0) fail('No positive labels in set');
  const totalNegative = groups.reduce((s, g) => s + g.predictedNegative, 0);
  if (totalNegative === 0) fail('No negative labels in set');
  let weighted = 0;
  let total = 0;
  for (const g of sortGroupsLikeNumpyUnique(groups)) {
    const size = g.predictedPositive + g.predictedNegative;
    const accepted = g.predictedPositive !== 0 ? g.predictedPositiveInFacet / g.predictedPositive : 0;
    const rejected = g.predictedNegative !== 0 ? g.predictedNegativeInFacet / g.predictedNegative : 0;
    weighted += size * (rejected - accepted);
    total += size;
  }
  return divide(weighted, total);
}

/** Orders strings by UTF-16 code units, as numpy sorts str arrays (not locale order). */
function compareCodeUnits(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

/** np.unique order (numeric when every group value is a number), so sums round the same way. */
function sortGroupsLikeNumpyUnique(groups: GroupPredictionCounts[]): GroupPredictionCounts[] {
  const numeric = groups.every(g => g.group.trim() !== '' && Number.isFinite(Number(g.group)));
  return [...groups].sort((x, y) =>
    numeric ? Number(x.group) - Number(y.group) : compareCodeUnits(x.group, y.group),
  );
}

export function sumConfusion(x: ConfusionCounts, y: ConfusionCounts): ConfusionCounts {
  return {
    truePositive: x.truePositive + y.truePositive,
    falsePositive: x.falsePositive + y.falsePositive,
    falseNegative: x.falseNegative + y.falseNegative,
    trueNegative: x.trueNegative + y.trueNegative,
  };
}

const COUNT_BASED_METRICS: Record<CountBasedMetricName, (counts: BiasCounts) => number> = {
  AD: b => accuracyDifference(b.confusion),
  CDDPL: b => conditionalDemographicDisparityInPredictedLabels(b.groups),
  DAR: b => differenceInLabelRates(b.confusion).dar,
  DCA: b => differenceInConditionalOutcomes(b.confusion).dca,
  DCR: b => differenceInConditionalOutcomes(b.confusion).dcr,
  DI: b => disparateImpact(b.confusion),
  DPPL: b => differenceInPositiveProportionsInPredictedLabels(b.confusion),
  DRR: b => differenceInLabelRates(b.confusion).drr,
  GE: b => generalizedEntropy(b.confusion),
  RD: b => differenceInLabelAccuracy(b.confusion).rd,
  SD: b => differenceInLabelAccuracy(b.confusion).sd,
  TE: b => treatmentEquality(b.confusion),
};

export function isCountBasedMetric(name: string): name is CountBasedMetricName {
  return Object.prototype.hasOwnProperty.call(COUNT_BASED_METRICS, name);
}

/**
 * Computes one count-based metric the way Clarify reports it: a value, or value null with the
 * error text when the metric cannot be computed for these counts.
 */
export function computeCountBasedMetric(
  name: CountBasedMetricName,
  counts: BiasCounts,
): BiasMetricResult {
  const description = POST_TRAINING_METRIC_DESCRIPTIONS[name];
  try {
    return { name, description, value: COUNT_BASED_METRICS[name](counts) };
  } catch (error) {
    if (error instanceof BiasMetricError) {
      return { name, description, value: null, error: error.message };
    }
    throw error;
  }
}
