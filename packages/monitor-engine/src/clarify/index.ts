/**
 * Clarify's bias-drift and feature-attribution-drift monitors: metrics, analysis.json and
 * constraint_violations.json formats, checks, explainers and CloudWatch records.
 */
export * from './analysis/clarifyAnalysisSchema';
export { writeClarifyAnalysis } from './analysis/clarifyAnalysisWriter';
export { toPythonJson, pythonFloatRepr, PythonInt } from './analysis/pythonJson';
export type { PythonJsonValue } from './analysis/pythonJson';
export * from './bias/biasAnalysisConfig';
export * from './bias/biasCounts';
export * from './bias/biasMetricCatalog';
export * from './bias/biasTally';
export * from './bias/postTrainingMetrics';
export { flipTest } from './bias/flipTest';
export type { FlipTestInput, FlipTestRow } from './bias/flipTest';
export { biasTallyFromRows, classifyRow } from './bias/biasTallyFromRows';
export type { DataRow, ClassifiedRow } from './bias/biasTallyFromRows';
export { biasTallyFromSql, flipTestRowsFromSql, fileRelation } from './bias/biasTallySql';
export type { SqlBiasSource } from './bias/biasTallySql';
export * from './bias/biasReport';
export * from './bias/biasDriftCheck';
export { smclarifyDivide } from './bias/smclarifyArithmetic';
export * from './attribution/explainer';
export * from './attribution/ndcg';
export * from './attribution/attributionDriftCheck';
export * from './attribution/linearModelExplainer';
export * from './attribution/kernelShapExplainer';
export * from './attribution/httpModelInvoker';
export * from './attribution/capturedAttributions';
export * from './attribution/explainabilityAnalysis';
export * from './drift/rankDriftContributors';
export * from './constraintViolationsFile';
export * from './clarifyCloudWatchMetrics';
export * from './jobs/biasJobs';
export * from './jobs/attributionJobs';
export * from './jobs/clarifyReportWriter';
export { readTabularDataset, readTabularDatasetRows, DatasetReadError } from './dataset/readTabularDataset';
export type { TabularRow } from './dataset/readTabularDataset';
export * from './jobs/clarifyWindowTable';
export * from './jobs/clarifyWindowExecution';
export * from './jobs/clarifyBaselineFiles';
export * from './jobs/biasDriftWindow';
export * from './jobs/attributionDriftWindow';
// What `mlmon suggest-baseline feature-attribution` runs, for onboarding that computes the same baseline.
export { explainFromOptions } from './cli/attributionCliOptions';
export type { AttributionCliOptions } from './cli/attributionCliOptions';
export { sampleFeatureRows, summaryBackgroundRow } from './jobs/featureRows';
