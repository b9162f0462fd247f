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
