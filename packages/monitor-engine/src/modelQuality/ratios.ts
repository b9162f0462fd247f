/** Ratio with SageMaker's (Spark's) convention for an empty denominator: 0.0 instead of NaN. */
export function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

/** Fβ = (1+β²)·P·R / (β²·P + R); 0 when precision and recall are both 0. */
export function fBeta(precision: number, recall: number, beta: number): number {
  const betaSquared = beta * beta;
  const denominator = betaSquared * precision + recall;
  return denominator === 0 ? 0 : ((1 + betaSquared) * precision * recall) / denominator;
}
