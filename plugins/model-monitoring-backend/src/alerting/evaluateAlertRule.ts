import type { AlertRule, AlertState } from '@mlmon/plugin-model-monitoring-common';
import type { ExecutionWithMetrics } from '../database/ExecutionStore';
import { DRIFT_METRIC_PREFIX } from '../reports/ReportReader';

/** Default drift distance above which a drift rule counts a datapoint (SageMaker's default threshold). */
export const DEFAULT_DRIFT_THRESHOLD = 0.1;

/** snake_case (statistics, CloudWatch) to camelCase (model-quality violations). */
export function camelCaseMetric(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Whether one execution is a datapoint in alert for a rule, and why. */
export function datapointInAlert(rule: AlertRule, execution: ExecutionWithMetrics): string | undefined {
  // A failed execution is a missing datapoint, as in SageMaker's dashboard alerts.
  if (execution.status === 'Failed' || execution.status === 'Stopped') return undefined;
  switch (rule.kind) {
    case 'violations':
      return execution.violationCount > 0 ? `${execution.violationCount} violation(s)` : undefined;
    case 'drift': {
      const threshold = rule.threshold ?? DEFAULT_DRIFT_THRESHOLD;
      const entries = Object.entries(execution.metrics).filter(([name]) =>
        rule.feature ? name === `${DRIFT_METRIC_PREFIX}${rule.feature}` : name.startsWith(DRIFT_METRIC_PREFIX),
      );
      const worst = entries.sort((a, b) => b[1] - a[1])[0];
      return worst && worst[1] > threshold
        ? `drift of ${worst[0].slice(DRIFT_METRIC_PREFIX.length)} ${worst[1].toFixed(3)} > ${threshold}`
        : undefined;
    }
    case 'quality': {
      if (!rule.metric) return undefined;
      const value = execution.metrics[rule.metric];
      if (rule.threshold !== undefined && value !== undefined) {
        const bad =
          rule.comparison === 'GreaterThanThreshold' ? value > rule.threshold : value < rule.threshold;
        return bad ? `${rule.metric} ${value.toFixed(4)} ${rule.comparison ?? 'LessThanThreshold'} ${rule.threshold}` : undefined;
      }
      // Without an own threshold, the baseline constraint decides: the execution reported it.
      const violated = execution.violations.some(
        v => v === rule.metric || v === camelCaseMetric(rule.metric!),
      );
      return violated ? `${rule.metric} violated its baseline constraint` : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Evaluates an M-of-N rule over the newest executions (newest first). Like SageMaker's
 * dashboard alerts it works before N executions exist: M datapoints among fewer suffice.
 */
export function evaluateAlertRule(
  rule: AlertRule,
  newestFirst: ExecutionWithMetrics[],
  now: Date,
): AlertState {
  const evaluated = newestFirst.slice(0, rule.evaluationPeriod);
  const reasons = evaluated.map(e => datapointInAlert(rule, e)).filter((r): r is string => !!r);
  const inAlert = rule.enabled && reasons.length >= rule.datapointsToAlert;
  const counted = `${reasons.length} of the last ${evaluated.length} execution(s)`;
  return {
    ruleName: rule.name,
    kind: rule.kind,
    scheduleName: rule.scheduleName,
    status: inAlert ? 'InAlert' : 'OK',
    since: now.toISOString(),
    reason: inAlert
      ? `${counted} in alert (needs ${rule.datapointsToAlert}); newest: ${reasons[0]}`
      : `${counted} in alert (needs ${rule.datapointsToAlert} of ${rule.evaluationPeriod})`,
    datapointsInAlert: reasons.length,
    evaluationPeriod: rule.evaluationPeriod,
  };
}

/** The rule every schedule gets when a model has no rules of its own. */
export function defaultRule(
  scheduleName: string,
  defaults: { datapointsToAlert: number; evaluationPeriod: number },
): AlertRule {
  return {
    name: `${scheduleName}-violations`,
    kind: 'violations',
    scheduleName,
    datapointsToAlert: defaults.datapointsToAlert,
    evaluationPeriod: defaults.evaluationPeriod,
    enabled: true,
  };
}
