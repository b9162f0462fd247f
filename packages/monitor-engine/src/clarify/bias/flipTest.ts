import { BiasMetricResult, POST_TRAINING_METRIC_DESCRIPTIONS } from './biasMetricCatalog';
import { smclarifyDivide } from './smclarifyArithmetic';

/**
 * Flip Test (FT) as smclarify computes it: a k-nearest-neighbours classifier (Euclidean distance,
 * uniform weights, raw unscaled features) is fitted on the advantaged rows with the model's
 * predicted labels, then predicts the facet rows. With model = the model's prediction and
 * knn = the neighbours' verdict for a facet row,
 *   FT = (#{model positive, knn negative} − #{model negative, knn positive}) / n_d.
 * k = 5 when there are more than 9 advantaged rows, else 1. Features are every column except
 * facet, label and prediction; Clarify refuses non-numeric ones, and so do we.
 *
 * Neighbours at equal distance are taken in row order (scikit-learn's order for exact ties
 * depends on its tree algorithm; ties only matter for duplicated rows).
 */
export interface FlipTestRow {
  /** Feature values in a fixed column order; every row the same length. */
  features: readonly number[];
  inFacet: boolean;
  predictedPositive: boolean;
}

export interface FlipTestInput {
  rows: readonly FlipTestRow[];
  /** Feature columns whose values are not all numeric; FT is not computed when non-empty. */
  nonNumericColumns?: readonly string[];
}

/** Brute-force k-NN majority vote over rows packed into one typed array. */
class NearestNeighbourVoter {
  private readonly points: Float64Array;
  private readonly labels: Uint8Array;
  private readonly width: number;

  constructor(rows: readonly FlipTestRow[], private readonly k: number) {
    this.width = rows[0]?.features.length ?? 0;
    this.points = new Float64Array(rows.length * this.width);
    this.labels = new Uint8Array(rows.length);
    rows.forEach((row, i) => {
      this.points.set(row.features, i * this.width);
      this.labels[i] = row.predictedPositive ? 1 : 0;
    });
  }

  predictPositive(query: readonly number[]): boolean {
    const k = Math.min(this.k, this.labels.length);
    const bestDistance = new Float64Array(k).fill(Infinity);
    const bestIndex = new Int32Array(k).fill(-1);
    for (let i = 0; i < this.labels.length; i++) {
      let distance = 0;
      const offset = i * this.width;
      for (let j = 0; j < this.width; j++) {
        const delta = this.points[offset + j] - query[j];
        distance += delta * delta;
      }
      if (distance >= bestDistance[k - 1]) continue;
      // Insert keeping ascending order; strict '<' keeps the earlier row first on ties.
      let position = k - 1;
      while (position > 0 && bestDistance[position - 1] > distance) {
        bestDistance[position] = bestDistance[position - 1];
        bestIndex[position] = bestIndex[position - 1];
        position--;
      }
      bestDistance[position] = distance;
      bestIndex[position] = i;
    }
    let positiveVotes = 0;
    for (let n = 0; n < k; n++) positiveVotes += this.labels[bestIndex[n]];
    // Majority of k (odd) neighbours; scikit-learn breaks a tie towards the smaller class (False).
    return positiveVotes * 2 > k;
  }
}

const DEFAULT_NEIGHBOURS = 5;
const MIN_NEIGHBOURS = 1;
const SAMPLE_COUNT_THRESHOLD = 9;

export function flipTest(input: FlipTestInput): BiasMetricResult {
  const name = 'FT';
  const description = POST_TRAINING_METRIC_DESCRIPTIONS.FT;
  const facetRows = input.rows.filter(r => r.inFacet);
  const otherRows = input.rows.filter(r => !r.inFacet);
  const error = (message: string): BiasMetricResult => ({ name, description, value: null, error: message });
  if (facetRows.length === 0) return error('Facet set is empty');
  if (otherRows.length === 0) return error('Negated Facet set is empty');
  if (input.nonNumericColumns && input.nonNumericColumns.length > 0) {
    return error('FlipTest does not support non-numeric columns');
  }
  if (input.rows.some(r => r.features.some(v => !Number.isFinite(v)))) {
    return error('Input contains NaN');
  }
  const k = otherRows.length > SAMPLE_COUNT_THRESHOLD ? DEFAULT_NEIGHBOURS : MIN_NEIGHBOURS;
  const neighbours = new NearestNeighbourVoter(otherRows, k);
  let flippedToPositive = 0;
  let flippedToNegative = 0;
  for (const row of facetRows) {
    const knnPositive = neighbours.predictPositive(row.features);
    if (row.predictedPositive && !knnPositive) flippedToPositive += 1;
    if (!row.predictedPositive && knnPositive) flippedToNegative += 1;
  }
  return { name, description, value: smclarifyDivide(flippedToPositive - flippedToNegative, facetRows.length) };
}
