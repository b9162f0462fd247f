import { computeAttributionBaseline } from './computeAttributionBaseline';
import { writeAttributionBaseline } from './writeClarifyBaselines';

/**
 * The feature-attribution baseline folder of the explainability monitor: the analysis.json the
 * user gave (copied, with model.json), else computed with the engine from the data set.
 * Returns a short description for the task log.
 */
export async function writeExplainabilityBaseline(options: {
  monitor: { explainer: string; attributionColumnPrefix?: string };
  analysisPath?: string;
  modelPath?: string;
  datasetPath?: string;
  datasetField: string;
  inputColumns: string[];
  baselineUri: string;
}): Promise<string> {
  const field = 'explainabilityMonitor';
  if (options.analysisPath) {
    const { label } = await writeAttributionBaseline({
      analysisPath: options.analysisPath,
      modelPath: options.modelPath,
      baselineUri: options.baselineUri,
      field,
    });
    return `given analysis.json, label ${label}`;
  }
  // checkClarifyInput guarantees a model.json (linear) or a column prefix (captured) here.
  const source =
    options.monitor.explainer === 'linear'
      ? { kind: 'linear' as const, modelPath: options.modelPath! }
      : {
          kind: 'captured' as const,
          attributionColumnPrefix: options.monitor.attributionColumnPrefix!,
        };
  const result = await computeAttributionBaseline({
    datasetPath: options.datasetPath!,
    inputColumns: options.inputColumns,
    source,
    baselineUri: options.baselineUri,
    field,
    datasetField: options.datasetField,
  });
  return `computed from ${result.rowsExplained} of ${result.rowsSeen} rows, ${source.kind} explainer, label ${result.label}`;
}
