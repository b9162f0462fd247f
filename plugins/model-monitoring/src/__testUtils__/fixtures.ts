/*
 * Backend responses for component tests, shaped as the REST API types in -common describe them,
 * for the demo's drifting housing model.
 */
import type { Entity } from '@backstage/catalog-model';
import type {
  DriftResponse,
  ExecutionsResponse,
  FeatureStatisticsResponse,
  ModelMonitoringSummary,
  ModelQualityResponse,
  OverviewResponse,
  PredictionDistributionResponse,
  TrafficResponse,
  ViolationsResponse,
} from '@mlmon/plugin-model-monitoring-common';

/** Tests pin "now" here so relative times are stable. */
export const NOW = Date.parse('2026-11-22T12:00:00.000Z');

export const monitoredEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'housing-price-regressor',
    namespace: 'default',
    title: 'Housing price regressor',
    annotations: {
      'mlmon.dev/endpoint': 'housing-price-regressor',
      'mlmon.dev/risk-rating': 'Medium',
    },
  },
  spec: { type: 'ml-model', owner: 'ml-platform' },
};

export const unmonitoredEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'website', namespace: 'default' },
  spec: { type: 'website' },
};

export const entityRef = {
  kind: 'Component',
  namespace: 'default',
  name: 'housing-price-regressor',
};

const hour = (h: number) => new Date(NOW - h * 3_600_000).toISOString();

export const summary: ModelMonitoringSummary = {
  entityRef: 'component:default/housing-price-regressor',
  source: 'builtin',
  endpointName: 'housing-price-regressor',
  riskRating: 'Medium',
  riskRatingSource: 'annotation',
  health: 'InAlert',
  groundTruthLatestAt: hour(30),
  monitors: [
    {
      scheduleName: 'housing-price-regressor-data-quality',
      monitorType: 'DataQuality',
      scheduleExpression: 'cron(0 * ? * * *)',
      scheduleStatus: 'Scheduled',
      nextRunAt: hour(-0.5),
      health: 'Violations',
      baselineCreatedAt: hour(24 * 12),
      lastExecution: {
        scheduleName: 'housing-price-regressor-data-quality',
        monitorType: 'DataQuality',
        windowStart: hour(4),
        windowEnd: hour(3),
        status: 'CompletedWithViolations',
        violationCount: 1,
        violations: ['median_income'],
        finishedAt: hour(3),
      },
    },
    {
      scheduleName: 'housing-price-regressor-model-quality',
      monitorType: 'ModelQuality',
      scheduleStatus: 'Scheduled',
      health: 'NoData',
    },
  ],
  alerts: [
    {
      ruleName: 'housing-dq-violations',
      kind: 'violations',
      scheduleName: 'housing-price-regressor-data-quality',
      status: 'InAlert',
      since: hour(5),
      reason: '3 of the last 5 executions had violations',
      datapointsInAlert: 3,
      evaluationPeriod: 5,
    },
  ],
};

export const drift: DriftResponse = {
  entityRef: summary.entityRef,
  scheduleName: 'housing-price-regressor-data-quality',
  range: { from: hour(168), to: hour(0) },
  latestWindowEnd: hour(3),
  now: [
    {
      feature: 'median_income',
      inferredType: 'Fractional',
      distance: 0.41,
      threshold: 0.1,
      violations: ['baseline_drift_check'],
      completeness: 1,
      baselineCompleteness: 1,
    },
    {
      feature: 'house_age',
      inferredType: 'Integral',
      distance: 0.03,
      threshold: 0.1,
      violations: [],
      completeness: 0.99,
      baselineCompleteness: 1,
    },
  ],
  series: [
    {
      feature: 'median_income',
      points: [
        { time: hour(6), value: 0.04 },
        { time: hour(5), value: 0.2 },
        { time: hour(4), value: 0.35 },
        { time: hour(3), value: 0.41 },
      ],
    },
    {
      feature: 'house_age',
      points: [
        { time: hour(6), value: 0.02 },
        { time: hour(5), value: 0.03 },
        { time: hour(4), value: null },
        { time: hour(3), value: 0.03 },
      ],
    },
  ],
};

export const violations: ViolationsResponse = {
  entityRef: summary.entityRef,
  range: drift.range,
  points: [
    { time: hour(5), total: 1, byCheckType: { baseline_drift_check: 1 } },
    {
      time: hour(4),
      total: 2,
      byCheckType: { baseline_drift_check: 1, data_type_check: 1 },
    },
  ],
  latest: [
    {
      scheduleName: 'housing-price-regressor-data-quality',
      feature: 'median_income',
      checkType: 'baseline_drift_check',
      description: 'Baseline drift distance: 0.41 exceeds threshold: 0.1',
    },
  ],
};

export const featureStatistics: FeatureStatisticsResponse = {
  entityRef: summary.entityRef,
  scheduleName: drift.scheduleName,
  feature: 'median_income',
  inferredType: 'Fractional',
  windowEnd: hour(3),
  distance: 0.41,
  threshold: 0.1,
  baseline: {
    itemCount: 1000,
    missing: 0,
    numeric: {
      mean: 3.9,
      min: 0.5,
      max: 15,
      stdDev: 1.9,
      sum: 3900,
      buckets: [
        { lowerBound: 0.5, upperBound: 3, share: 0.4, count: 400 },
        { lowerBound: 3, upperBound: 6, share: 0.45, count: 450 },
        { lowerBound: 6, upperBound: 15, share: 0.15, count: 150 },
      ],
    },
  },
  window: {
    itemCount: 200,
    missing: 0,
    numeric: {
      mean: 6.1,
      min: 1,
      max: 15,
      stdDev: 2.2,
      sum: 1220,
      buckets: [
        { lowerBound: 0.5, upperBound: 3, share: 0.1, count: 20 },
        { lowerBound: 3, upperBound: 6, share: 0.4, count: 80 },
        { lowerBound: 6, upperBound: 15, share: 0.5, count: 100 },
      ],
    },
  },
};

export const predictions: PredictionDistributionResponse = {
  entityRef: summary.entityRef,
  scheduleName: drift.scheduleName,
  attribute: 'prediction',
  windowEnd: hour(3),
  baseline: featureStatistics.baseline,
  window: featureStatistics.window,
  series: [
    { time: hour(5), value: 2.1 },
    { time: hour(4), value: 2.4 },
    { time: hour(3), value: 2.9 },
  ],
};

export const quality: ModelQualityResponse = {
  entityRef: summary.entityRef,
  scheduleName: 'housing-price-regressor-model-quality',
  problemType: 'Regression',
  range: drift.range,
  metrics: [
    {
      metric: 'rmse',
      points: [
        { time: hour(5), value: 0.61 },
        { time: hour(4), value: 0.72 },
        { time: hour(3), value: 0.93 },
      ],
      baseline: 0.6,
      threshold: 0.8,
      comparison: 'GreaterThanThreshold',
    },
    {
      metric: 'r2',
      points: [
        { time: hour(5), value: 0.8 },
        { time: hour(3), value: 0.7 },
      ],
      threshold: 0.6,
      comparison: 'LessThanThreshold',
    },
  ],
};

export const traffic: TrafficResponse = {
  entityRef: summary.entityRef,
  range: { from: hour(24), to: hour(0) },
  periodSeconds: 3600,
  invocations: [
    { time: hour(3), value: 1200 },
    { time: hour(2), value: 1300 },
    { time: hour(1), value: 1500 },
  ],
  errors4xx: [
    { time: hour(3), value: 3 },
    { time: hour(2), value: 0 },
    { time: hour(1), value: 1 },
  ],
  errors5xx: [
    { time: hour(3), value: 0 },
    { time: hour(2), value: 2 },
    { time: hour(1), value: null },
  ],
  latencyAvgMs: [
    { time: hour(3), value: 11 },
    { time: hour(2), value: 12 },
    { time: hour(1), value: 13 },
  ],
  latencyP50Ms: [
    { time: hour(3), value: 9 },
    { time: hour(2), value: 10 },
    { time: hour(1), value: 11 },
  ],
  latencyP99Ms: [
    { time: hour(3), value: 40 },
    { time: hour(2), value: 95 },
    { time: hour(1), value: 50 },
  ],
};

export const executions: ExecutionsResponse = {
  entityRef: summary.entityRef,
  range: drift.range,
  items: [
    {
      ...summary.monitors[0].lastExecution!,
      reportUri:
        'file:///data/reports/housing-price-regressor/dq/2026/11/22/09',
      reports: [
        {
          name: 'constraint_violations.json',
          uri: 'file:///data/reports/housing-price-regressor/dq/2026/11/22/09/constraint_violations.json',
          href: '/entities/default/component/housing-price-regressor/reports?schedule=housing-price-regressor-data-quality&windowEnd=2026-11-22T09%3A00%3A00.000Z&file=constraint_violations.json',
        },
      ],
    },
  ],
};

export const overview: OverviewResponse = {
  items: [
    {
      entityRef: 'component:default/housing-price-regressor',
      title: 'Housing price regressor',
      owner: 'group:default/ml-platform',
      source: 'builtin',
      endpointName: 'housing-price-regressor',
      health: 'InAlert',
      riskRating: 'Medium',
      lastRunAt: hour(3),
      openAlerts: 1,
      coverage: ['DataQuality', 'ModelQuality'],
      updatedAt: hour(1),
    },
    {
      entityRef: 'component:default/housing-occupancy-model',
      title: 'Housing occupancy model',
      owner: 'group:default/ml-platform',
      source: 'builtin',
      endpointName: 'housing-occupancy-model',
      health: 'OK',
      riskRating: 'Low',
      lastRunAt: hour(1),
      openAlerts: 0,
      coverage: ['DataQuality'],
      updatedAt: hour(1),
    },
  ],
  totalCount: 2,
  offset: 0,
  limit: 25,
  healthCounts: { InAlert: 1, OK: 1 },
};
