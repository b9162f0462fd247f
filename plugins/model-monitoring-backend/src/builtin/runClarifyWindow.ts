import {
  loadClarifyBaseline,
  loadLinearModel,
  loadShapBaseline,
  runAttributionDriftWindow,
  runBiasDriftWindow,
  type ClarifyAnalysis,
  type ClarifyWindowExecution,
  type DuckDbEngine,
  type PostTrainingMetricName,
  type ScheduledWindow,
  type WindowExplainerSpec,
} from '@mlmon/monitor-engine';
import type { BuiltinModel } from '../config/builtinConfig';
import type { ExecutionMetrics } from '../database/ExecutionStore';
import { clarifyExecutionMetrics } from '../reports/clarifyMetrics';
import { readClarifyAnalysis } from '../reports/clarifyReports';
import type { RunWindowContext } from './runBuiltinWindow';

type Schedule = BuiltinModel['schedules'][number];

export interface ClarifyWindowOutcome {
  status: 'Completed' | 'CompletedWithViolations' | 'Failed';
  failureReason?: string;
  /** What each violation is about: `DPPL (sex=Female)`, or `feature attribution (label0)`. */
  violations: string[];
  metrics: ExecutionMetrics;
}

const failed = (reason: string): ClarifyWindowOutcome => ({ status: 'Failed', failureReason: reason, violations: [], metrics: {} });

async function explainerOf(schedule: Schedule, context: RunWindowContext): Promise<WindowExplainerSpec> {
  const spec = schedule.explainer!;
  if (spec.kind === 'captured') return { kind: 'captured', attributionsAttribute: spec.attributionsAttribute };
  const baselineStore = context.openStore(schedule.baselineUri);
  if (spec.kind === 'linear') {
    const model = await loadLinearModel(baselineStore, spec.modelFile);
    return { kind: 'linear', model, background: await loadShapBaseline(baselineStore, model.featureNames) };
  }
  const features = spec.features ?? schedule.features!;
  return {
    kind: 'http',
    url: spec.url,
    contentType: spec.contentType ?? 'text/csv',
    probabilityAttribute: spec.probabilityAttribute,
    features,
    numSamples: spec.numSamples,
    background: await loadShapBaseline(baselineStore, features),
  };
}

/**
 * Runs a ModelBias (bias drift) or ModelExplainability (feature-attribution drift) schedule over
 * one window, straight from the captured data (and ground truth for bias), writing analysis.json,
 * constraint_violations.json and the CloudWatch records under `prefix`; the metrics recorded are
 * read back from the written analysis.json. Never throws for bad data or configuration.
 */
export async function runClarifyWindow(
  model: BuiltinModel,
  schedule: Schedule,
  scheduled: ScheduledWindow,
  context: RunWindowContext,
  engine: DuckDbEngine,
  reportUri: string,
): Promise<ClarifyWindowOutcome> {
  const common = {
    engine,
    captureStore: context.openStore(model.captureUri),
    endpoint: model.endpointName,
    variant: model.variant,
    featureNames: schedule.features ?? [],
    inferenceAttribute: schedule.inferenceAttribute,
    probabilityAttribute: schedule.probabilityAttribute,
    output: context.openStore(context.reportsUri),
    schedule: schedule.name,
    start: scheduled.window.start,
    end: scheduled.window.end,
    scheduledTime: scheduled.scheduledTime,
  };
  let baseline: ClarifyAnalysis;
  let result: ClarifyWindowExecution;
  try {
    if (schedule.monitorType === 'ModelBias') {
      baseline = await loadClarifyBaseline(context.openStore(schedule.baselineUri), 'bias');
      const { facet, label } = schedule;
      if (!facet || !label || !schedule.features) return failed(`Schedule ${schedule.name} needs features, facet and label`);
      result = await runBiasDriftWindow({
        ...common,
        groundTruthStore: context.openStore(schedule.groundTruthUri!),
        groundTruthAttribute: schedule.groundTruthAttribute,
        baseline,
        facet: facet.values ? { column: facet.column, values: facet.values } : { column: facet.column, threshold: facet.threshold! },
        label: label.positiveValues
          ? { column: label.column, positiveValues: label.positiveValues }
          : { column: label.column, threshold: label.threshold! },
        probabilityThreshold: schedule.probabilityThresholdAttribute,
        metrics: schedule.biasMetrics as PostTrainingMetricName[] | undefined,
      });
    } else {
      baseline = await loadClarifyBaseline(context.openStore(schedule.baselineUri), 'attribution');
      if (!schedule.explainer || !schedule.features) return failed(`Schedule ${schedule.name} needs features and an explainer`);
      result = await runAttributionDriftWindow({
        ...common,
        baseline,
        explainer: await explainerOf(schedule, context),
        threshold: schedule.ndcgThreshold,
        maxRows: schedule.explainer.maxRows,
      });
    }
  } catch (error) {
    return failed((error as Error).message);
  }
  if (result.status === 'Failed') return failed(result.failureReason ?? 'The Clarify job failed');
  const written = await readClarifyAnalysis(context.reports, reportUri);
  if (!written) return failed(`${reportUri}/analysis.json was not written`);
  return {
    status: result.status,
    violations: result.violations.map(v =>
      v.constraint_check_type === 'bias_drift_check' ? `${v.metric_name} (${v.facet}=${v.facet_value})` : `feature attribution (${v.label})`,
    ),
    metrics: clarifyExecutionMetrics(written, baseline),
  };
}
