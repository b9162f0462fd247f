import { z } from 'zod';

/**
 * The schedule fields of the Clarify monitors (ModelBias, ModelExplainability): the captured
 * input's column names, the facet and label of a bias monitor, and the explainer and NDCG
 * threshold of an attribution monitor. Names are checked against the data when a window runs
 * (a facet the input lacks fails that execution with the reason), not here.
 */
const columnName = z.string().min(1).max(255);
const valueList = z.array(z.string().min(1).max(255)).min(1).max(100);

const facetSchema = z
  .object({ column: columnName, values: valueList.optional(), threshold: z.number().optional() })
  .refine(f => (f.values === undefined) !== (f.threshold === undefined), 'give either values or threshold');

const labelSchema = z
  .object({ column: columnName, positiveValues: valueList.optional(), threshold: z.number().optional() })
  .refine(l => (l.positiveValues === undefined) !== (l.threshold === undefined), 'give either positiveValues or threshold');

const maxRows = z.number().int().min(1).max(100_000).optional();

const explainerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('linear'), modelFile: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'a file name in the baseline folder').optional(), maxRows }),
  z.object({ kind: z.literal('captured'), attributionsAttribute: z.string().min(1).max(255), maxRows }),
  z.object({
    kind: z.literal('http'),
    url: z.url({ protocol: /^https?$/ }),
    contentType: z.enum(['text/csv', 'application/json']).optional(),
    probabilityAttribute: z.string().max(255).optional(),
    features: z.array(columnName).min(1).max(500).optional(),
    numSamples: z.number().int().min(2).max(2048).optional(),
    maxRows: z.number().int().min(1).max(1000).optional(),
  }),
]);

export const clarifyScheduleFields = {
  groundTruthAttribute: z.string().max(255).optional(),
  features: z.array(columnName).min(1).max(500).optional(),
  facet: facetSchema.optional(),
  label: labelSchema.optional(),
  biasMetrics: z.array(z.enum(['DPPL', 'DI', 'DCA', 'DCR', 'RD', 'DAR', 'DRR', 'AD', 'CDDPL', 'TE', 'FT'])).min(1).optional(),
  explainer: explainerSchema.optional(),
  ndcgThreshold: z.number().min(0).max(1).optional(),
};

interface ClarifyFields {
  monitorType: string;
  features?: string[];
  facet?: unknown;
  label?: unknown;
  explainer?: unknown;
}

/** What each Clarify monitor cannot run without. */
export function checkClarifySchedule(s: ClarifyFields, ctx: z.RefinementCtx): void {
  const need = (field: keyof ClarifyFields, why: string) => {
    if (s[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: `required for ${s.monitorType} (${why})` });
  };
  if (s.monitorType === 'ModelBias') {
    need('features', 'the names of the captured input columns');
    need('facet', 'the column and value of the sensitive group');
    need('label', 'the label name and its positive value');
  }
  if (s.monitorType === 'ModelExplainability') {
    need('features', 'the names of the captured input columns');
    need('explainer', 'linear, captured or http');
  }
}
