import { ModelQualityMetrics } from './computeMetrics';
import { integer, JacksonValue, toJacksonJson } from './jacksonJson';
import { statisticsSectionKey } from './problemType';

/**
 * The `*_metrics` section of statistics.json: for binary classification the confusion matrix
 * comes first and the two curves sit between false_negative_rate and auc (SageMaker's order).
 */
function metricsSection(metrics: ModelQualityMetrics): Map<string, JacksonValue> {
  const section = new Map<string, JacksonValue>();
  if (metrics.confusionMatrix) section.set('confusion_matrix', metrics.confusionMatrix.toJson());
  for (const [name, metric] of metrics.values) {
    if (name === 'auc' && metrics.curves) {
      section.set('receiver_operating_characteristic_curve', {
        false_positive_rates: metrics.curves.falsePositiveRates,
        true_positive_rates: metrics.curves.truePositiveRates,
      });
      section.set('precision_recall_curve', {
        precisions: metrics.curves.precisions,
        recalls: metrics.curves.recalls,
      });
    }
    section.set(name, { value: metric.value, standard_deviation: metric.standardDeviation });
  }
  return section;
}

/**
 * statistics.json of a model-quality baseline or monitoring execution. `evaluationTime` is
 * written by newer analyzer versions; pass null to omit it as older ones do.
 */
export function modelQualityStatisticsJson(
  metrics: ModelQualityMetrics,
  evaluationTime: Date | null,
): string {
  const dataset: Record<string, JacksonValue> = { item_count: integer(metrics.itemCount) };
  if (evaluationTime) dataset.evaluation_time = evaluationTime.toISOString();
  return toJacksonJson({
    version: 0.0,
    dataset,
    [statisticsSectionKey(metrics.problemType)]: metricsSection(metrics),
  });
}
