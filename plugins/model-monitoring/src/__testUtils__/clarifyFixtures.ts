/*
 * Bias, attribution and drift-contributor responses for component tests, for the demo's income
 * classifier trained on the Adult census income data set: the facet is sex = Female, the
 * positive label income = >50K. DI fell from 0.35 at baseline to 0.20 (outside its band), and
 * the model now leans on capital-gain and age instead of relationship.
 */
import type { Entity } from '@backstage/catalog-model';
import type {
  AttributionDriftResponse,
  BiasDriftResponse,
  DriftContributorsResponse,
  ModelMonitoringSummary,
} from '@mlmon/plugin-model-monitoring-common';
import { NOW } from './fixtures';

const hour = (h: number) => new Date(NOW - h * 3_600_000).toISOString();
const series = (...values: Array<number | null>) =>
  values.map((value, i) => ({ time: hour(24 * (values.length - i)), value }));

export const incomeEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'income-classifier',
    namespace: 'default',
    title: 'Income classifier',
    annotations: { 'mlmon.dev/endpoint': 'income-classifier' },
  },
  spec: { type: 'ml-model', owner: 'ml-platform' },
};

const entityRef = 'component:default/income-classifier';
const range = { from: hour(168), to: hour(0) };

export const incomeSummary: ModelMonitoringSummary = {
  entityRef,
  source: 'builtin',
  endpointName: 'income-classifier',
  riskRating: 'High',
  riskRatingSource: 'annotation',
  health: 'Violations',
  monitors: [
    {
      scheduleName: 'income-classifier-data-quality',
      monitorType: 'DataQuality',
      scheduleStatus: 'Scheduled',
      health: 'Violations',
      lastExecution: {
        scheduleName: 'income-classifier-data-quality',
        monitorType: 'DataQuality',
        windowStart: hour(25),
        windowEnd: hour(24),
        status: 'CompletedWithViolations',
        violationCount: 2,
        violations: ['capital-gain', 'age'],
        finishedAt: hour(23.9),
      },
    },
    {
      scheduleName: 'income-classifier-bias',
      monitorType: 'ModelBias',
      scheduleStatus: 'Scheduled',
      health: 'Violations',
    },
    {
      scheduleName: 'income-classifier-explainability',
      monitorType: 'ModelExplainability',
      scheduleStatus: 'Scheduled',
      health: 'Violations',
    },
  ],
  alerts: [],
};

export const bias: BiasDriftResponse = {
  entityRef,
  scheduleName: 'income-classifier-bias',
  range,
  facet: {
    column: 'sex',
    value: 'Female',
    label: 'income',
    positiveLabel: '>50K',
  },
  latestWindowEnd: hour(24),
  metrics: [
    {
      metric: 'DPPL',
      description:
        'Difference in Positive Proportions in Predicted Labels (DPPL)',
      ideal: 0,
      baseline: 0.196,
      band: { lower: -0.196, upper: 0.196 },
      points: series(0.19, 0.17, 0.2, 0.18),
      latest: 0.18,
      violated: false,
    },
    {
      metric: 'AD',
      description: 'Accuracy Difference (AD)',
      ideal: 0,
      baseline: -0.12,
      band: { lower: -0.12, upper: 0.12 },
      points: series(-0.11, -0.1, null, -0.09),
      latest: -0.09,
      violated: false,
    },
    {
      metric: 'DI',
      description: 'Disparate Impact (DI)',
      ideal: 1,
      baseline: 0.35,
      band: { lower: 0.35, upper: 1.65 },
      points: series(0.36, 0.31, 0.24, 0.2),
      latest: 0.2,
      violated: true,
    },
  ],
  latestViolations: [
    {
      metric: 'DI',
      facet: 'sex = Female',
      description:
        "Metric value 0.2 doesn't meet the baseline constraint requirement 0.35",
    },
  ],
};

export const attribution: AttributionDriftResponse = {
  entityRef,
  scheduleName: 'income-classifier-explainability',
  range,
  label: 'income',
  latestWindowEnd: hour(24),
  features: [
    {
      feature: 'capital-gain',
      baseline: 0.055,
      current: 0.09,
      baselineRank: 2,
      currentRank: 1,
    },
    {
      feature: 'age',
      baseline: 0.041,
      current: 0.06,
      baselineRank: 4,
      currentRank: 2,
    },
    {
      feature: 'hours-per-week',
      baseline: 0.02,
      current: 0.03,
      baselineRank: 6,
      currentRank: 3,
    },
    {
      feature: 'relationship',
      baseline: 0.062,
      current: 0.025,
      baselineRank: 1,
      currentRank: 4,
    },
    {
      feature: 'education-num',
      baseline: 0.035,
      current: 0.02,
      baselineRank: 5,
      currentRank: 5,
    },
    {
      feature: 'marital-status',
      baseline: 0.048,
      current: 0.012,
      baselineRank: 3,
      currentRank: 6,
    },
    {
      feature: 'workclass',
      baseline: null,
      current: 0.01,
      baselineRank: null,
      currentRank: 7,
    },
    {
      feature: 'occupation',
      baseline: 0.017,
      current: null,
      baselineRank: 7,
      currentRank: null,
    },
  ],
  ndcg: series(0.97, 0.93, 0.85, 0.72),
  ndcgNow: 0.72,
  threshold: 0.9,
  violated: true,
};

/** Drift distance × attribution, as shares of their sum (0.0515). */
export const contributors: DriftContributorsResponse = {
  entityRef,
  basis: 'data-quality',
  weighted: true,
  windowEnd: hour(24),
  items: [
    {
      feature: 'capital-gain',
      drift: 0.31,
      attribution: 0.09,
      share: 0.542,
      rank: 1,
    },
    { feature: 'age', drift: 0.22, attribution: 0.06, share: 0.256, rank: 2 },
    {
      feature: 'hours-per-week',
      drift: 0.18,
      attribution: 0.03,
      share: 0.105,
      rank: 3,
    },
    {
      feature: 'relationship',
      drift: 0.12,
      attribution: 0.025,
      share: 0.058,
      rank: 4,
    },
    {
      feature: 'education-num',
      drift: 0.1,
      attribution: 0.02,
      share: 0.039,
      rank: 5,
    },
    {
      feature: 'marital-status',
      drift: 0.08,
      attribution: 0.012,
      share: 0.019,
      rank: 6,
    },
  ],
};
