import type { ObjectStore } from '../../storage/ObjectStore';
import { ClarifyAnalysis } from '../analysis/clarifyAnalysisSchema';
import { writeClarifyAnalysis } from '../analysis/clarifyAnalysisWriter';
import { CloudWatchMetricBatch, cloudWatchMetricLines } from '../clarifyCloudWatchMetrics';
import { ClarifyViolation, writeClarifyConstraintViolations } from '../constraintViolationsFile';

/**
 * Writes a Clarify execution's outputs under `prefix` as SageMaker lays them out: analysis.json
 * always, constraint_violations.json only when a baseline was checked and violations exist.
 * The CloudWatch records (which SageMaker sends to CloudWatch, not to S3) go to
 * `cloudwatch_metrics.jsonl` beside them so the backend can publish or chart them.
 */
export async function writeClarifyReport(
  store: ObjectStore,
  prefix: string,
  outputs: { analysis: ClarifyAnalysis; violations?: readonly ClarifyViolation[]; metrics?: CloudWatchMetricBatch },
): Promise<string[]> {
  const key = (name: string) => (prefix ? `${prefix.replace(/\/+$/, '')}/${name}` : name);
  const written = [key('analysis.json')];
  await store.put(key('analysis.json'), writeClarifyAnalysis(outputs.analysis));
  if (outputs.violations && outputs.violations.length > 0) {
    written.push(key('constraint_violations.json'));
    await store.put(key('constraint_violations.json'), writeClarifyConstraintViolations(outputs.violations));
  }
  if (outputs.metrics && outputs.metrics.records.length > 0) {
    written.push(key('cloudwatch_metrics.jsonl'));
    await store.put(key('cloudwatch_metrics.jsonl'), cloudWatchMetricLines(outputs.metrics));
  }
  return written;
}

/** SageMaker's execution summary text for a Clarify job. */
export function clarifyExitMessage(violations: number): string {
  return violations === 0
    ? 'Completed: Job completed successfully with no violations.'
    : `CompletedWithViolations: Job completed successfully with ${violations} violations.`;
}
