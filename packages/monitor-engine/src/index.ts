/**
 * Built-in model monitoring engine: SageMaker Model Monitor formats, capture readers, baselines,
 * monitors, storage and SQL engines, plus the `mlmon` CLI.
 *
 * @packageDocumentation
 */

export { main as cliMain } from './cli/main';
