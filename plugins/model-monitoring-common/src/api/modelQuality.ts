/* REST API types: model quality. See ./index.ts for the conventions every route shares. */
import type { ProblemType, TimeRange, TimePoint, SourceError } from './vocabulary';

/** One model-quality metric over time with its constraint. */
export interface QualityMetricSeries {
  /** snake_case as in statistics.json: accuracy, auc, f1, mae, rmse, r2, ... */
  metric: string;
  points: Array<TimePoint & { standardDeviation?: number | null }>;
  baseline?: number;
  threshold?: number;
  comparison?: 'LessThanThreshold' | 'GreaterThanThreshold';
}

/** GET /entities/:namespace/:kind/:name/quality?schedule=&from=&to= */
export interface ModelQualityResponse {
  entityRef: string;
  scheduleName: string;
  problemType?: ProblemType;
  range: TimeRange;
  metrics: QualityMetricSeries[];
  /** Newest confusion matrix (classification): label → predicted → count. */
  confusionMatrix?: Record<string, Record<string, number>>;
  errors?: SourceError[];
}
