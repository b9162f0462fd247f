import { RegressionMetricName } from './problemType';

/**
 * Sums one SQL pass gives for a regression window (bounded memory whatever its size).
 * `groundTruthSquaredDeviation` is Σ(y − ȳ)², taken from a numerically stable variance
 * aggregate rather than Σy² − (Σy)²/n, which cancels badly for large labels.
 */
export interface RegressionSums {
  count: number;
  sumAbsoluteError: number;
  sumSquaredError: number;
  groundTruthSquaredDeviation: number;
}

/**
 * mae, mse, rmse and r2 as SageMaker (Spark RegressionMetrics) computes them; r2 is
 * 1 − SSE/SST with SST about the ground-truth mean (reproduces the real SDK sample exactly).
 */
export function regressionMetrics(sums: RegressionSums): Record<RegressionMetricName, number> {
  const { count, sumAbsoluteError, sumSquaredError, groundTruthSquaredDeviation } = sums;
  if (count === 0) return { mae: NaN, mse: NaN, rmse: NaN, r2: NaN };
  const mse = sumSquaredError / count;
  return {
    mae: sumAbsoluteError / count,
    mse,
    rmse: Math.sqrt(mse),
    r2: 1 - sumSquaredError / groundTruthSquaredDeviation,
  };
}
