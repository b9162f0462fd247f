/**
 * Public API of model-quality monitoring (SageMaker's ModelQuality monitor): baselines,
 * monitoring executions with late ground truth, and the file formats they write.
 */
export { suggestModelQualityBaseline } from './suggestModelQualityBaseline';
export type {
  SuggestModelQualityBaselineOptions,
  ModelQualityBaselineResult,
} from './suggestModelQualityBaseline';
export {
  runModelQualityMonitor,
  DEFAULT_MINIMUM_LABELLED_RECORDS,
} from './runModelQualityMonitor';
export type { RunModelQualityMonitorOptions } from './runModelQualityMonitor';
export { exitMessage as modelQualityExitMessage, executionSummaryJson } from './executionSummary';
export type { ModelQualityExecution, ModelQualityExecutionStatus } from './executionSummary';
export type { MergeReport, LineProblem as MergeLineProblem } from './mergeWindow';
export { resolveMonitoringWindow } from './monitoringWindow';
export type { MonitoringWindowInput, MonitoringWindow } from './monitoringWindow';
export {
  PROBLEM_TYPES,
  parseProblemType,
  scalarMetricNames,
  suggestedConstraintOperators,
} from './problemType';
export type { ProblemType, ComparisonOperator, ScalarMetricName } from './problemType';
export { computeModelQualityMetrics } from './computeMetrics';
export type {
  ModelQualityMetrics,
  MetricValue as ModelQualityMetricValue,
  ModelQualityAggregate,
  ReplicatedAggregate,
} from './computeMetrics';
export { ConfusionMatrix } from './confusionMatrix';
export type { ScoreBucket, ScoreCurves } from './scoreCurves';
export {
  parseModelQualityConstraints,
  modelQualityConstraintsJson,
  suggestModelQualityConstraints,
} from './modelQualityConstraints';
export type {
  ModelQualityConstraints,
  MetricConstraint as ModelQualityMetricConstraint,
} from './modelQualityConstraints';
export {
  checkModelQualityConstraints,
  modelQualityViolationsJson,
} from './modelQualityViolations';
export type { ModelQualityViolation } from './modelQualityViolations';
export { modelQualityStatisticsJson } from './statisticsDocument';
export { loadModelQualityBaseline } from './loadBaseline';
export {
  MODEL_QUALITY_METRICS_NAMESPACE,
  modelQualityCloudWatchMetrics,
  cloudWatchMetricsJsonl as modelQualityCloudWatchMetricsJsonl,
} from './cloudWatchMetrics';
export type { CloudWatchMetricDatum as ModelQualityCloudWatchDatum } from './cloudWatchMetrics';
