import { ModelQualityMetrics } from './computeMetrics';
import { JacksonValue, jacksonStringify, jdouble, jlong } from '../formats/jackson';
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
        false_positive_rates: metrics.curves.falsePositiveRates.map(jdouble),
        true_positive_rates: metrics.curves.truePositiveRates.map(jdouble),
      });
      section.set('precision_recall_curve', {
        precisions: metrics.curves.precisions.map(jdouble),
        recalls: metrics.curves.recalls.map(jdouble),
      });
    }
    section.set(name, {
      value: jdouble(metric.value),
      standard_deviation: jdouble(metric.standardDeviation),
    });
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
  const dataset: Record<string, JacksonValue> = { item_count: jlong(metrics.itemCount) };
  if (evaluationTime) dataset.evaluation_time = evaluationTime.toISOString();
  return jacksonStringify({
    version: jdouble(0),
    dataset,
    [statisticsSectionKey(metrics.problemType)]: metricsSection(metrics),
  });
}
