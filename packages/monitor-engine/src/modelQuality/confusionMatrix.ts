import { JLong, jlong } from '../formats/jackson';

/** One cell of a confusion matrix as an SQL `GROUP BY actual, predicted` returns it. */
export interface ConfusionCell {
  actual: string;
  predicted: string;
  count: number;
}

/**
 * Orders class labels as SageMaker prints them: numerically when every label is a number
 * ("2" before "10"), otherwise by string.
 */
export function sortLabels(labels: Iterable<string>): string[] {
  const unique = [...new Set(labels)];
  const allNumeric = unique.every(label => label.trim() !== '' && Number.isFinite(Number(label)));
  return allNumeric
    ? unique.sort((a, b) => Number(a) - Number(b))
    : unique.sort(compareCodeUnits);
}

/** Plain string order by UTF-16 code units (not locale order), as SageMaker sorts labels. */
function compareCodeUnits(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

/**
 * Counts of (ground truth, prediction) pairs. Rows are ground-truth labels, columns predicted
 * labels, as in SageMaker's `{"<label>": {"<predicted>": count}}`.
 */
export class ConfusionMatrix {
  private readonly counts = new Map<string, Map<string, number>>();
  private total = 0;

  static fromCells(cells: Iterable<ConfusionCell>): ConfusionMatrix {
    const matrix = new ConfusionMatrix();
    for (const cell of cells) matrix.add(cell.actual, cell.predicted, cell.count);
    return matrix;
  }

  add(actual: string, predicted: string, count = 1): void {
    if (count === 0) return;
    const row = this.counts.get(actual) ?? new Map<string, number>();
    row.set(predicted, (row.get(predicted) ?? 0) + count);
    this.counts.set(actual, row);
    this.total += count;
  }

  get itemCount(): number {
    return this.total;
  }

  count(actual: string, predicted: string): number {
    return this.counts.get(actual)?.get(predicted) ?? 0;
  }

  /** How many rows carry this ground-truth label (the label's support). */
  actualTotal(label: string): number {
    let sum = 0;
    for (const value of this.counts.get(label)?.values() ?? []) sum += value;
    return sum;
  }

  /** How many rows were predicted as this label. */
  predictedTotal(label: string): number {
    let sum = 0;
    for (const row of this.counts.values()) sum += row.get(label) ?? 0;
    return sum;
  }

  /** Labels seen as ground truth. */
  actualLabels(): string[] {
    return sortLabels(this.counts.keys());
  }

  /** Labels seen as ground truth or prediction, in print order. */
  labels(): string[] {
    const all: string[] = [...this.counts.keys()];
    for (const row of this.counts.values()) all.push(...row.keys());
    return sortLabels(all);
  }

  /**
   * The ground-truth class SageMaker's "best constant classifier" always predicts: the most
   * frequent ground-truth label (ties go to the first label in print order). SageMaker does
   * not document the rule; this one reproduces the real churn output (always predict 0).
   */
  majorityLabel(): string | undefined {
    let best: string | undefined;
    let bestCount = -1;
    for (const label of this.actualLabels()) {
      const support = this.actualTotal(label);
      if (support > bestCount) {
        best = label;
        bestCount = support;
      }
    }
    return best;
  }

  /** The confusion matrix of a classifier that always predicts `label`. */
  constantClassifier(label: string): ConfusionMatrix {
    const constant = new ConfusionMatrix();
    for (const actual of this.actualLabels()) {
      constant.add(actual, label, this.actualTotal(actual));
    }
    return constant;
  }

  /**
   * The statistics.json form: every label (ground truth or predicted) as a row and as a
   * column, zeros included, counts as integers. Maps keep the label order ("-1" before "0").
   */
  toJson(): Map<string, Map<string, JLong>> {
    const labels = this.labels();
    const json = new Map<string, Map<string, JLong>>();
    for (const actual of labels) {
      const row = new Map<string, JLong>();
      for (const predicted of labels) row.set(predicted, jlong(this.count(actual, predicted)));
      json.set(actual, row);
    }
    return json;
  }
}
