/**
 * Built-in model monitoring engine: SageMaker Model Monitor formats, capture readers, baselines,
 * monitors, storage and SQL engines, plus the `mlmon` CLI.
 *
 * @packageDocumentation
 */

export { main as cliMain } from './cli/main';
export * from './storage/ObjectStore';
export * from './storage/objectKeys';
export * from './storage/FileObjectStore';
export * from './storage/S3ObjectStore';
export * from './storage/openObjectStore';
export * from './storage/layout';
export * from './formats/jsonLinesRecords';
export * from './formats/captureRecord';
export * from './formats/groundTruthRecord';
export * from './schedule/scheduleExpression';
export * from './schedule/isoOffset';
export * from './schedule/scheduleTimes';
export * from './schedule/analysisWindow';
export * from './simulate/simulateTraffic';
export * from './simulate/datasetTable';
export * from './simulate/driftSpec';
export * from './simulate/predictionModel';
export { Prng } from './simulate/prng';
export * from './modelQuality';
export * from './clarify';
export * from './sql/AthenaEngine';
export { athenaLiteral } from './sql/athenaParameters';
export type { SqlEngine, SqlParameter } from './sql/SqlEngine';
export { DuckDbEngine } from './sql/DuckDbEngine';
export type { DuckDbEngineOptions } from './sql/DuckDbEngine';
export { JDouble, jdouble, jacksonStringify, formatJavaDouble } from './formats/jackson';
export type { JacksonValue } from './formats/jackson';
export { JLong, jlong, javaDoubleToString } from './formats/jackson';
export { FormatError, parseJsonText, validateWithSchema, readJsonWithSchema } from './formats/jacksonReader';
export { statisticsSchema, inferredTypeSchema, readStatistics, writeStatistics } from './formats/statistics';
export type { Statistics, FeatureStatistics, NumericalStatistics, StringStatistics, InferredType, KllBucket, KllSketchJson } from './formats/statistics';
export { constraintsSchema, readConstraints, writeConstraints, suggestedMonitoringConfig } from './formats/constraints';
export type { Constraints, FeatureConstraints, MonitoringConfig } from './formats/constraints';
export { violationsSchema, readViolations, writeViolations, parseDriftDescription, dataQualityCheckTypes } from './formats/violations';
export type { ConstraintViolations, Violation, DataQualityCheckType } from './formats/violations';
export { suggestBaseline, writeBaselineFiles } from './baseline/suggestBaseline';
export type { SuggestBaselineOptions, BaselineResult, BaselineOutput } from './baseline/suggestBaseline';
export { DatasetError } from './baseline/datasetTable';
export type { DatasetSource, DatasetFormat } from './baseline/datasetTable';
export { suggestConstraints } from './baseline/suggestConstraints';
export { SketchDistribution, bucketBounds } from './baseline/kllSketch';
export { scanCaptureFiles, describeScanReport } from './capture/captureWindowTable';
export type { CaptureFile, CaptureScan, CaptureScanReport, CaptureProblem } from './capture/captureWindowTable';
export { localCaptureFiles } from './capture/localCaptureFiles';
export { runDataQualityMonitor } from './dataQuality/runDataQualityMonitor';
export type { DataQualityMonitorOptions, DataQualityExecutionResult, ExecutionStatus } from './dataQuality/runDataQualityMonitor';
export { loadBaselineDir, BaselineError } from './dataQuality/loadBaseline';
export type { DataQualityBaseline } from './dataQuality/loadBaseline';
export { numericalDistance, categoricalLInfinity, categoricalChiSquaredPValue } from './dataQuality/driftDistance';
export { METRICS_FILE_NAME, DATA_METRICS_NAMESPACE, dataQualityMetrics } from './dataQuality/dataQualityMetrics';
export type { MetricDatum } from './dataQuality/dataQualityMetrics';
export type { ReportOutput } from './dataQuality/reportOutput';
