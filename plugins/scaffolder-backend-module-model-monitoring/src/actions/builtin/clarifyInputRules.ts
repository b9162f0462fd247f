import { InputError } from '@backstage/errors';

/**
 * What the Clarify monitors need beyond the schema: one facet/label rule, an explainer the
 * registry accepts, and a feature-attribution baseline that can be had: given as an
 * analysis.json, or computed from a data set (linear: the model over the rows; captured: the
 * attribution columns the data set carries).
 */
export function checkClarifyInput(input: {
  modelQuality?: { groundTruthUri: string };
  biasMonitor?: {
    facet: { values?: string[]; threshold?: number };
    label: { positiveValues?: string[]; threshold?: number };
    groundTruthUri?: string;
  };
  explainabilityMonitor?: {
    explainer: string;
    modelFileUri?: string;
    attributionsAttribute?: string;
    baselineAnalysisUri?: string;
    attributionColumnPrefix?: string;
  };
}): void {
  const bm = input.biasMonitor;
  if (bm) {
    if ((bm.facet.values === undefined) === (bm.facet.threshold === undefined))
      throw new InputError(
        'biasMonitor.facet: give either values or threshold',
      );
    if (
      (bm.label.positiveValues === undefined) ===
      (bm.label.threshold === undefined)
    )
      throw new InputError(
        'biasMonitor.label: give either positiveValues or threshold',
      );
    if (!bm.groundTruthUri && !input.modelQuality?.groundTruthUri)
      throw new InputError(
        'biasMonitor.groundTruthUri: where ground truth arrives is needed (or modelQuality.groundTruthUri)',
      );
  }
  const em = input.explainabilityMonitor;
  if (!em) return;
  if (em.explainer === 'http') {
    throw new InputError(
      'explainabilityMonitor.explainer: http explainers call a model URL from the backend and may only be configured in app-config; use linear or captured',
    );
  }
  if (em.explainer !== 'linear' && em.explainer !== 'captured')
    throw new InputError(
      'explainabilityMonitor.explainer: must be linear or captured',
    );
  if (em.explainer === 'linear' && !em.modelFileUri)
    throw new InputError(
      'explainabilityMonitor.modelFileUri: the linear explainer needs the model.json',
    );
  if (em.explainer === 'captured' && !em.attributionsAttribute)
    throw new InputError(
      'explainabilityMonitor.attributionsAttribute: the captured explainer needs the JSON path of the attributions',
    );
  if (
    em.explainer === 'captured' &&
    !em.baselineAnalysisUri &&
    !em.attributionColumnPrefix
  ) {
    throw new InputError(
      'explainabilityMonitor.baselineAnalysisUri: attributions the model returns cannot be computed from the training data; ' +
        'give the baseline analysis.json, or attributionColumnPrefix with a data set carrying the attributions in columns {prefix}{feature}',
    );
  }
  if (em.explainer === 'linear' && em.attributionColumnPrefix) {
    throw new InputError(
      'explainabilityMonitor.attributionColumnPrefix: only for the captured explainer; the linear explainer computes attributions from model.json',
    );
  }
}
