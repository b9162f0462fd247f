import type {
  Constraints,
  FeatureConstraints,
  MonitoringConfig,
} from '../formats/constraints';
import type { FeatureStatistics, Statistics } from '../formats/statistics';
import type { Violation } from '../formats/violations';
import { formatJavaDouble } from '../formats/jackson';
import type { TypeCounts } from '../baseline/dataTypes';
import {
  categoricalChiSquaredPValue,
  categoricalLInfinity,
  numericalDistance,
} from './driftDistance';

/**
 * Evaluates a window against the baseline constraints, producing the violations SageMaker
 * writes to constraint_violations.json (reference sections 3.2 and 4), plus the per-feature
 * values the metrics file publishes.
 *
 * Wording: data_type_check, completeness_check and baseline_drift_check use SageMaker's real
 * texts. No public sample shows the texts of missing_column_check, extra_column_check or the
 * current categorical_values_check; ours follow the same style and are marked in the tests.
 */

export interface WindowProfile {
  statistics: Statistics;
  /** Per-value type counts by feature name. */
  typeCounts: Map<string, TypeCounts>;
  /** Share of non-null values inside the baseline domain, by feature name. */
  domainShares: Map<string, number>;
}

export interface FeatureEvaluation {
  name: string;
  completeness?: number;
  /** Share of non-null values whose type matches the baseline type. */
  dataTypeMatch?: number;
  driftDistance?: number;
  driftMethod?: string;
}

export interface CheckResult {
  violations: Violation[];
  features: FeatureEvaluation[];
  /** Why a check was skipped for a feature (type changed, no sketch…), for the report. */
  notes: string[];
}

const percent = (ratio: number) => `${formatJavaDouble(ratio * 100)}%`;

export function evaluateConstraints(
  constraints: Constraints,
  baselineStatistics: Statistics | undefined,
  window: WindowProfile,
): CheckResult {
  const violations: Violation[] = [];
  const notes: string[] = [];
  const features: FeatureEvaluation[] = [];
  const current = new Map(window.statistics.features.map(f => [f.name, f]));
  const baseline = new Map(
    baselineStatistics?.features.map(f => [f.name, f]) ?? [],
  );
  const itemCount = window.statistics.dataset.item_count;

  for (const feature of constraints.features) {
    const config = effectiveConfig(constraints.monitoring_config, feature);
    const stats = current.get(feature.name);
    if (!stats) {
      violations.push({
        feature_name: feature.name,
        constraint_check_type: 'missing_column_check',
        description: `Baseline column ${feature.name} is missing in the current dataset. Expected number of columns: ${constraints.features.length}, observed: ${window.statistics.features.length}.`,
      });
      continue;
    }
    const evaluation: FeatureEvaluation = { name: feature.name };
    features.push(evaluation);
    const present = presentCount(stats);
    evaluation.completeness = itemCount > 0 ? present / itemCount : 0;
    const counts = window.typeCounts.get(feature.name);
    if (counts && present > 0)
      evaluation.dataTypeMatch = matchingShare(
        feature.inferred_type,
        counts,
        present,
      );
    if (config.evaluate_constraints === 'Disabled') continue;

    if (evaluation.dataTypeMatch !== undefined) {
      const threshold = config.datatype_check_threshold ?? 1.0;
      if (evaluation.dataTypeMatch < threshold) {
        violations.push({
          feature_name: feature.name,
          constraint_check_type: 'data_type_check',
          description: `Data type match requirement is not met. Expected data type: ${
            feature.inferred_type
          }, Expected match: ${percent(threshold)}. Observed: Only ${percent(
            evaluation.dataTypeMatch,
          )} of data is ${feature.inferred_type}.`,
        });
      }
    }

    if (
      feature.completeness !== undefined &&
      evaluation.completeness < feature.completeness
    ) {
      violations.push({
        feature_name: feature.name,
        constraint_check_type: 'completeness_check',
        description: `Data completeness requirement is not met. Expected: ${percent(
          feature.completeness,
        )}. Observed: Only ${percent(evaluation.completeness)}.`,
      });
    }

    const domain = feature.string_constraints?.domains;
    const share = window.domainShares.get(feature.name);
    if (domain && domain.length && share !== undefined) {
      const threshold = config.domain_content_threshold ?? 1.0;
      if (share < threshold) {
        violations.push({
          feature_name: feature.name,
          constraint_check_type: 'categorical_values_check',
          description: `Categorical values requirement is not met. Expected: ${percent(
            threshold,
          )} of values in the baseline domain. Observed: Only ${percent(
            share,
          )}.`,
        });
      }
    }

    const drift = driftOf(
      feature,
      baseline.get(feature.name),
      stats,
      config,
      notes,
    );
    if (drift) {
      evaluation.driftDistance = drift.distance;
      evaluation.driftMethod = drift.method;
      if (drift.violated) {
        violations.push({
          feature_name: feature.name,
          constraint_check_type: 'baseline_drift_check',
          description: drift.description,
        });
      }
    }
  }

  const known = new Set(constraints.features.map(f => f.name));
  for (const extra of window.statistics.features.filter(
    f => !known.has(f.name),
  )) {
    violations.push({
      feature_name: extra.name,
      constraint_check_type: 'extra_column_check',
      description: `Column ${extra.name} in the current dataset is not in the baseline. Expected number of columns: ${constraints.features.length}, observed: ${window.statistics.features.length}.`,
    });
  }
  return { violations, features, notes };
}

function effectiveConfig(
  config: MonitoringConfig | undefined,
  feature: FeatureConstraints,
) {
  const overrides = feature.monitoringConfigOverrides ?? {};
  return {
    ...config,
    ...overrides,
    distribution_constraints: {
      ...config?.distribution_constraints,
      ...overrides.distribution_constraints,
    },
  } as MonitoringConfig & {
    distribution_constraints: NonNullable<
      MonitoringConfig['distribution_constraints']
    >;
  };
}

function presentCount(stats: FeatureStatistics): number {
  return (
    (stats.numerical_statistics ?? stats.string_statistics)?.common
      .num_present ?? 0
  );
}

/**
 * Share of non-null values of the baseline type. Integral values also match a Fractional
 * baseline (deequ makes a column Fractional when any value has a fraction, so a Fractional
 * baseline holds integers itself); any value is a valid String.
 */
function matchingShare(
  type: string,
  counts: TypeCounts,
  present: number,
): number {
  switch (type) {
    case 'Integral':
      return counts.integral / present;
    case 'Fractional':
      return (counts.integral + counts.fractional) / present;
    default:
      return 1;
  }
}

function driftOf(
  feature: FeatureConstraints,
  base: FeatureStatistics | undefined,
  current: FeatureStatistics,
  config: ReturnType<typeof effectiveConfig>,
  notes: string[],
) {
  const distribution = config.distribution_constraints;
  if (distribution.perform_comparison === 'Disabled' || !base) return undefined;
  const threshold = distribution.comparison_threshold ?? 0.1;
  const method = distribution.comparison_method ?? 'Robust';
  if (base.inferred_type !== current.inferred_type) {
    // SageMaker's DistanceGenerator logs this and skips the comparison.
    notes.push(
      `Inferred data type don't match for column ${feature.name}. Inferred data type in baseline statistics: ${base.inferred_type}. Inferred data type in current dataset: ${current.inferred_type}`,
    );
    return undefined;
  }
  const baseSketch = base.numerical_statistics?.distribution?.kll?.sketch;
  const currentSketch = current.numerical_statistics?.distribution?.kll?.sketch;
  if (baseSketch && currentSketch) {
    const distance = numericalDistance(baseSketch, currentSketch, method);
    return {
      distance,
      method,
      violated: distance > threshold,
      description: `Baseline drift distance: ${formatJavaDouble(
        distance,
      )} exceeds threshold: ${formatJavaDouble(threshold)}`,
    };
  }
  const baseCategories =
    base.string_statistics?.distribution?.categorical?.buckets;
  const currentCategories =
    current.string_statistics?.distribution?.categorical?.buckets;
  if (!baseCategories || !currentCategories) return undefined;
  const categoricalThreshold =
    distribution.categorical_comparison_threshold ?? threshold;
  if (distribution.categorical_drift_method === 'ChiSquared') {
    // A p-value below the threshold rejects "same distribution" (SageMaker does not document
    // how it compares; this is the usual reading of a significance threshold).
    const pValue = categoricalChiSquaredPValue(
      baseCategories,
      currentCategories,
    );
    return {
      distance: pValue,
      method: 'ChiSquared',
      violated: pValue < categoricalThreshold,
      description: `Baseline drift ChiSquared p-value: ${formatJavaDouble(
        pValue,
      )} is below threshold: ${formatJavaDouble(categoricalThreshold)}`,
    };
  }
  const distance = categoricalLInfinity(
    baseCategories,
    currentCategories,
    method,
  );
  return {
    distance,
    method: 'LInfinity',
    violated: distance > categoricalThreshold,
    description: `Baseline drift distance: ${formatJavaDouble(
      distance,
    )} exceeds threshold: ${formatJavaDouble(categoricalThreshold)}`,
  };
}
