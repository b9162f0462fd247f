import { SqlEngine } from '../sql/SqlEngine';
import { openObjectStore } from '../storage/openObjectStore';
import { ObjectStore } from '../storage/ObjectStore';
import { queryModelQualityAggregates } from './aggregateQueries';
import { loadBaselineDataset } from './baselineDataset';
import { computeModelQualityMetrics, ModelQualityMetrics } from './computeMetrics';
import { assertAttributesFit, PredictionSemantics } from './labelledRows';
import {
  ModelQualityConstraints,
  modelQualityConstraintsJson,
  suggestModelQualityConstraints,
} from './modelQualityConstraints';
import { ProblemType } from './problemType';
import { modelQualityStatisticsJson } from './statisticsDocument';
import { withTempTable } from './tempTable';

export interface SuggestModelQualityBaselineOptions {
  engine: SqlEngine;
  /** Local path of the baseline CSV (predictions and ground truth per row). */
  dataset: string;
  /** True when the CSV's first line is a header; otherwise columns are `_c0`, `_c1`, … */
  header: boolean;
  problemType: ProblemType;
  inferenceAttribute?: string;
  probabilityAttribute?: string;
  groundTruthAttribute: string;
  /** Binary: probability from which the positive label is predicted (default 0.5). */
  probabilityThreshold?: number;
  /** Binary: the positive class (default "1"). */
  positiveLabel?: string;
  /** Folder, file:// or s3:// location, or an ObjectStore, receiving the two files. */
  outputDir: string | ObjectStore;
  /** Written as dataset.evaluation_time; null omits it as older SageMaker versions do. Default: now. */
  evaluationTime?: Date | null;
  /** Spark's numBins for the written curves (default 1000; 0 keeps every threshold). */
  curveBins?: number;
}

export interface ModelQualityBaselineResult {
  metrics: ModelQualityMetrics;
  constraints: ModelQualityConstraints;
  /** Locations of statistics.json and constraints.json. */
  statisticsUrl: string;
  constraintsUrl: string;
}

/**
 * SageMaker's model-quality baselining job: metrics of the baseline data set into
 * statistics.json and the suggested thresholds into constraints.json.
 */
export async function suggestModelQualityBaseline(
  options: SuggestModelQualityBaselineOptions,
): Promise<ModelQualityBaselineResult> {
  const semantics: PredictionSemantics = {
    problemType: options.problemType,
    hasInference: options.inferenceAttribute !== undefined,
    hasProbability: options.probabilityAttribute !== undefined,
    probabilityThreshold: options.probabilityThreshold,
    positiveLabel: options.positiveLabel,
  };
  assertAttributesFit(semantics);
  const aggregate = await withTempTable(options.engine, 'mq_baseline', async table => {
    await loadBaselineDataset(
      options.engine,
      {
        path: options.dataset,
        header: options.header,
        groundTruthAttribute: options.groundTruthAttribute,
        inferenceAttribute: options.inferenceAttribute,
        probabilityAttribute: options.probabilityAttribute,
      },
      semantics,
      table,
    );
    return queryModelQualityAggregates(options.engine, table, semantics);
  });
  const metrics = computeModelQualityMetrics(options.problemType, aggregate, {
    positiveLabel: options.positiveLabel,
    curveBins: options.curveBins,
  });
  const constraints = suggestModelQualityConstraints(metrics);
  const store =
    typeof options.outputDir === 'string' ? openObjectStore(options.outputDir) : options.outputDir;
  const evaluationTime = options.evaluationTime === undefined ? new Date() : options.evaluationTime;
  await store.put('statistics.json', modelQualityStatisticsJson(metrics, evaluationTime));
  await store.put('constraints.json', modelQualityConstraintsJson(constraints));
  return {
    metrics,
    constraints,
    statisticsUrl: `${store.url.replace(/\/$/, '')}/statistics.json`,
    constraintsUrl: `${store.url.replace(/\/$/, '')}/constraints.json`,
  };
}
