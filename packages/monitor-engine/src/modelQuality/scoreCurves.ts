/**
 * ROC and precision-recall curves and ROC AUC from a score histogram, following Spark MLlib's
 * BinaryClassificationMetrics (which SageMaker's analyzer runs on): thresholds are the distinct
 * scores in descending order, the ROC curve is framed by (0,0) and (1,1), the PR curve starts
 * at (recall 0, precision of the first threshold).
 *
 * Why a histogram instead of sorting rows: the SQL engine groups rows by score (exact distinct
 * scores, or fixed-width buckets when there are too many), so memory depends on the number of
 * buckets, never on the number of rows. With exact scores the AUC equals the Mann-Whitney
 * statistic with ties counted as one half.
 */

/** How many positive and negative ground-truth labels share one score (or score bucket). */
export interface ScoreBucket {
  score: number;
  positives: number;
  negatives: number;
}

export interface ScoreCurves {
  falsePositiveRates: number[];
  truePositiveRates: number[];
  precisions: number[];
  recalls: number[];
  auc: number;
}

interface CurvePoint {
  truePositives: number;
  falsePositives: number;
}

function cumulativePoints(buckets: readonly ScoreBucket[]): CurvePoint[] {
  const descending = [...buckets].sort((a, b) => b.score - a.score);
  const points: CurvePoint[] = [];
  let truePositives = 0;
  let falsePositives = 0;
  for (const bucket of descending) {
    truePositives += bucket.positives;
    falsePositives += bucket.negatives;
    points.push({ truePositives, falsePositives });
  }
  return points;
}

/**
 * Spark's `numBins` down-sampling: when there are at least 2·numBins thresholds, consecutive
 * runs of ⌊count/numBins⌋ thresholds collapse into their last point, so the written curves stay
 * bounded. 0 keeps every threshold.
 */
function downsample(points: CurvePoint[], numBins: number): CurvePoint[] {
  if (numBins <= 0) return points;
  const grouping = Math.floor(points.length / numBins);
  if (grouping < 2) return points;
  const kept: CurvePoint[] = [];
  for (let end = grouping - 1; end < points.length; end += grouping) kept.push(points[end]);
  if (points.length % grouping !== 0) kept.push(points[points.length - 1]);
  return kept;
}

function trapezoidArea(xs: readonly number[], ys: readonly number[]): number {
  let area = 0;
  for (let i = 1; i < xs.length; i++) area += ((xs[i] - xs[i - 1]) * (ys[i] + ys[i - 1])) / 2;
  return area;
}

export function scoreCurves(buckets: readonly ScoreBucket[], numBins = 1000): ScoreCurves {
  const all = cumulativePoints(buckets);
  const totalPositives = all.length ? all[all.length - 1].truePositives : 0;
  const totalNegatives = all.length ? all[all.length - 1].falsePositives : 0;
  // Spark: recall is 0 without positives, false positive rate 0 without negatives.
  const tpr = (p: CurvePoint) => (totalPositives === 0 ? 0 : p.truePositives / totalPositives);
  const fpr = (p: CurvePoint) => (totalNegatives === 0 ? 0 : p.falsePositives / totalNegatives);
  const precision = (p: CurvePoint) => {
    const predictedPositive = p.truePositives + p.falsePositives;
    return predictedPositive === 0 ? 1 : p.truePositives / predictedPositive;
  };

  // The AUC uses every threshold so that it stays exact even when the curves are thinned.
  const exactFpr = [0, ...all.map(fpr), 1];
  const exactTpr = [0, ...all.map(tpr), 1];
  const auc = trapezoidArea(exactFpr, exactTpr);

  const curve = downsample(all, numBins);
  const recalls = curve.map(tpr);
  const precisions = curve.map(precision);
  return {
    falsePositiveRates: [0, ...curve.map(fpr), 1],
    truePositiveRates: [0, ...curve.map(tpr), 1],
    recalls: [0, ...recalls],
    precisions: [precisions.length ? precisions[0] : 1, ...precisions],
    auc,
  };
}
