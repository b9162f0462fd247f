import type { Constraints, FeatureConstraints } from '../formats/constraints';
import { suggestedMonitoringConfig } from '../formats/constraints';
import type { FeatureStatistics, Statistics } from '../formats/statistics';

/**
 * Suggests constraints.json from baseline statistics, as SageMaker's ConstraintGenerator does
 * (reference section 2.4): the inferred type, the observed completeness, `is_non_negative`
 * (min >= 0) for numbers, a value domain for low-cardinality text, and the analyzer's default
 * monitoring_config.
 */

/** deequ's CategoricalRangeRule: suggest a domain when at most 10 % of values occur once. */
const MAX_SINGLETON_RATIO = 0.1;

export function suggestConstraints(statistics: Statistics): Constraints {
  const itemCount = statistics.dataset.item_count;
  return {
    version: 0,
    features: statistics.features.map(feature =>
      suggestFeature(feature, itemCount),
    ),
    monitoring_config: suggestedMonitoringConfig(),
  };
}

function suggestFeature(
  feature: FeatureStatistics,
  itemCount: number,
): FeatureConstraints {
  const common =
    feature.numerical_statistics?.common ?? feature.string_statistics?.common;
  const completeness =
    itemCount > 0 && common ? common.num_present / itemCount : 0;
  const suggestion: FeatureConstraints = {
    name: feature.name,
    inferred_type: feature.inferred_type,
    completeness,
  };
  if (feature.numerical_statistics) {
    suggestion.num_constraints = {
      is_non_negative: feature.numerical_statistics.min >= 0,
    };
  }
  const domain = suggestDomain(feature);
  if (domain) suggestion.string_constraints = { domains: domain };
  return suggestion;
}

function suggestDomain(feature: FeatureStatistics): string[] | undefined {
  if (feature.inferred_type !== 'String') return undefined;
  const buckets = feature.string_statistics?.distribution?.categorical?.buckets;
  if (!buckets || buckets.length === 0) return undefined;
  const singletons = buckets.filter(b => b.count === 1).length;
  if (singletons / buckets.length > MAX_SINGLETON_RATIO) return undefined;
  return buckets.map(b => b.value);
}
