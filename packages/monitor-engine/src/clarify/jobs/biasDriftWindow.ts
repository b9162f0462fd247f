import type { ObjectStore } from '../../storage/ObjectStore';
import { ClarifyAnalysis } from '../analysis/clarifyAnalysisSchema';
import { BiasAnalysisConfig, FacetSpec, LabelSpec } from '../bias/biasAnalysisConfig';
import { PostTrainingMetricName } from '../bias/biasMetricCatalog';
import { runBiasDriftMonitor } from './biasJobs';
import { loadClarifyBaseline } from './clarifyBaselineFiles';
import { ClarifyWindowExecution, completeClarifyExecution, failedExecution, recordOpenedWindow } from './clarifyWindowExecution';
import { ClarifyWindowOptions, createClarifyWindowTable } from './clarifyWindowTable';

/**
 * One bias-drift execution over a schedule window read straight from captured data and ground
 * truth: the window's post-training bias analysis, checked against the baseline's analysis.json
 * (Clarify's bias_drift_check), with analysis.json, constraint_violations.json and the CloudWatch
 * records written under `{endpoint}/{schedule}/yyyy/mm/dd/HH/` of the output store. Data problems
 * (missing baseline, a facet column the input lacks, no ground truth) end as a Failed execution
 * whose reason names what is wrong; bad options throw.
 */
export interface BiasDriftWindowOptions
  extends Omit<ClarifyWindowOptions, 'groundTruthStore' | 'labelColumn' | 'attributionsAttribute'> {
  groundTruthStore: ObjectStore;
  /** The baseline's analysis, or the folder holding analysis.json. */
  baseline: ClarifyAnalysis | ObjectStore;
  facet: FacetSpec;
  /** Label name in analysis.json (Clarify's label header) and its positive value(s) or threshold. */
  label: LabelSpec;
  /** Positive when the score is above it, with probabilityAttribute. Default 0.5. */
  probabilityThreshold?: number;
  groupVariable?: string;
  flipTestFeatures?: readonly string[];
  metrics?: readonly PostTrainingMetricName[];
  output: ObjectStore;
  schedule: string;
  minimumRows?: number;
}

export async function runBiasDriftWindow(options: BiasDriftWindowOptions): Promise<ClarifyWindowExecution> {
  const execution = failedExecution(options, 'bias');
  let baseline: ClarifyAnalysis;
  try {
    baseline = 'version' in options.baseline ? (options.baseline as ClarifyAnalysis) : await loadClarifyBaseline(options.baseline as ObjectStore, 'bias');
  } catch (error) {
    return { ...execution, failureReason: (error as Error).message };
  }
  const missing = [options.facet.column, options.groupVariable, ...(options.flipTestFeatures ?? [])].filter(
    (c): c is string => c !== undefined && !options.featureNames.includes(c),
  );
  if (missing.length > 0) {
    return {
      ...execution,
      failureReason: `Column ${missing.join(', ')} is not one of the input feature columns (${options.featureNames.join(', ')})`,
    };
  }
  let window;
  try {
    window = await createClarifyWindowTable({ ...options, labelColumn: options.label.column, predictionColumn: 'mlmon_prediction' });
  } catch (error) {
    return { ...execution, failureReason: (error as Error).message };
  }
  try {
    const unusable = recordOpenedWindow(execution, window, options, true);
    if (unusable) return { ...execution, failureReason: unusable };
    const config: BiasAnalysisConfig = {
      facet: options.facet,
      label: options.label,
      prediction:
        options.probabilityAttribute !== undefined
          ? { column: window.predictionColumn, probabilityThreshold: options.probabilityThreshold ?? 0.5 }
          : { column: window.predictionColumn },
      groupVariable: options.groupVariable,
      featureColumns: options.flipTestFeatures,
      metrics: options.metrics,
    };
    const result = await runBiasDriftMonitor({
      engine: options.engine,
      relation: window.relation,
      config,
      baseline,
      metricContext: { endpoint: options.endpoint, monitoringSchedule: options.schedule, timestamp: window.window.scheduledTime },
    });
    return await completeClarifyExecution(execution, options.output, execution.reportPrefix!, result);
  } catch (error) {
    return { ...execution, failureReason: (error as Error).message };
  } finally {
    await window.dispose();
  }
}
