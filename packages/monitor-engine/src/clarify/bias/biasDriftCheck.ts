import {
  ClarifyAnalysis,
  ClarifyFacetReport,
  metricValueAsNumber,
} from '../analysis/clarifyAnalysisSchema';
import { pythonFloatRepr } from '../analysis/pythonJson';
import { idealMetricValue } from './biasMetricCatalog';

/**
 * Clarify's bias drift check: a metric of the monitoring window violates the baseline when it is
 * farther from its ideal value (1 for DI, 0 for every other metric) than the baseline's value:
 * |current − ideal| > |baseline − ideal|. This reproduces every violation (and every
 * non-violation) in SageMaker's real bias-drift outputs, e.g. DI 0.976 → 1.317 violates,
 * DCR 0.0279 → −0.0765 violates, RD 0.116 → 0.087 does not. Only post-training metrics are
 * checked, as in the model-bias monitor; metrics without a value on either side are skipped.
 */
export interface BiasDriftViolation {
  facet: string;
  facet_value: string;
  metric_name: string;
  constraint_check_type: 'bias_drift_check';
  description: string;
}

export function checkBiasDrift(baseline: ClarifyAnalysis, current: ClarifyAnalysis): BiasDriftViolation[] {
  const violations: BiasDriftViolation[] = [];
  const baselineFacets = baseline.post_training_bias_metrics?.facets ?? {};
  const currentFacets = current.post_training_bias_metrics?.facets ?? {};
  for (const [facet, reports] of Object.entries(currentFacets)) {
    for (const report of reports) {
      const reference = matchingBaselineReport(baselineFacets[facet] ?? [], report, reports.length);
      if (!reference) continue;
      for (const metric of report.metrics) {
        const baselineMetric = reference.metrics.find(m => m.name === metric.name);
        if (!baselineMetric) continue;
        const now = metricValueAsNumber(metric.value);
        const before = metricValueAsNumber(baselineMetric.value);
        if (!isComparable(now) || !isComparable(before)) continue;
        const ideal = idealMetricValue(metric.name);
        if (Math.abs(now - ideal) > Math.abs(before - ideal)) {
          violations.push({
            facet,
            facet_value: report.value_or_threshold,
            metric_name: metric.name,
            constraint_check_type: 'bias_drift_check',
            description: `Metric value ${pythonStr(now)} doesn't meet the baseline constraint requirement ${pythonStr(before)}`,
          });
        }
      }
    }
  }
  return violations;
}

function isComparable(value: number | null): value is number {
  return value !== null && !Number.isNaN(value);
}

/** Python's str(float), which Clarify uses in the description ("Infinity" for inf). */
function pythonStr(value: number): string {
  return pythonFloatRepr(value);
}

/**
 * The baseline entry for a window's facet entry: the same value_or_threshold, else (numeric
 * facets, whose text carries the observed max, "(100, 225]" vs "(100, 232]") the same lower
 * bound, else the only entry when each side has exactly one.
 */
function matchingBaselineReport(
  candidates: ClarifyFacetReport[],
  report: ClarifyFacetReport,
  currentCount: number,
): ClarifyFacetReport | undefined {
  const exact = candidates.find(c => c.value_or_threshold === report.value_or_threshold);
  if (exact) return exact;
  const lower = intervalLowerBound(report.value_or_threshold);
  if (lower !== undefined) {
    const sameThreshold = candidates.find(c => intervalLowerBound(c.value_or_threshold) === lower);
    if (sameThreshold) return sameThreshold;
  }
  return candidates.length === 1 && currentCount === 1 ? candidates[0] : undefined;
}

function intervalLowerBound(text: string): string | undefined {
  const match = /^\(\s*([^,]+),\s*[^\]]+\]$/.exec(text.trim());
  return match ? String(Number(match[1])) : undefined;
}
