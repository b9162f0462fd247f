import { NotFoundError } from '@backstage/errors';
import type { Statistics } from '@mlmon/monitor-engine';
import type { FeatureStatisticsResponse, SourceError } from '@mlmon/plugin-model-monitoring-common';
import { bucketBoundsOf, featureDistribution } from '../reports/featureDistribution';

/** What either source found for one feature: the two statistics files and the drift. */
export interface FeatureStatisticsInputs {
  entityRef: string;
  scheduleName: string;
  feature: string;
  /** The schedule's baseline statistics.json, when it was read. */
  baseline?: Statistics;
  /** The statistics.json of the window shown, when it was read. */
  window?: Statistics;
  windowEnd?: string;
  distance: number | null;
  threshold: number | null;
  /** Parts that could not be read (SageMaker source). */
  errors?: SourceError[];
}

/**
 * The distribution overlay of one feature, the same for both sources: numeric buckets of both
 * sides on the baseline's bounds. A feature in neither file is unknown (404) — unless neither
 * file could be read, when the answer carries the errors instead of a verdict it cannot give.
 */
export function featureStatisticsBody(input: FeatureStatisticsInputs): FeatureStatisticsResponse {
  const { feature, baseline, window } = input;
  const baseFeature = baseline?.features.find(f => f.name === feature);
  const winFeature = window?.features.find(f => f.name === feature);
  const errors = input.errors ?? [];
  if (!baseFeature && !winFeature && (baseline || window || !errors.length)) {
    throw new NotFoundError(`Feature ${feature} is not in the baseline or the newest report of ${input.scheduleName}`);
  }
  const bounds = bucketBoundsOf(baseFeature);
  const inferred = (baseFeature ?? winFeature)?.inferred_type ?? 'Unknown';
  return {
    entityRef: input.entityRef,
    scheduleName: input.scheduleName,
    feature,
    inferredType: inferred === 'Boolean' ? 'String' : inferred,
    windowEnd: input.windowEnd,
    baseline: baseFeature ? featureDistribution(baseFeature, baseline!.dataset.item_count, bounds) : { itemCount: 0, missing: 0 },
    window: winFeature ? featureDistribution(winFeature, window!.dataset.item_count, bounds) : undefined,
    distance: input.distance,
    threshold: input.threshold,
    ...(errors.length ? { errors } : {}),
  };
}
