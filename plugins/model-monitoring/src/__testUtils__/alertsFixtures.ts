/* Test data of the alerts route, shared by the alerts and run tests. */
import type { AlertsResponse } from '@mlmon/plugin-model-monitoring-common';
import { NOW } from './fixtures';

export const hour = (h: number) => new Date(NOW - h * 3_600_000).toISOString();
export const entityRef = {
  kind: 'Component',
  namespace: 'default',
  name: 'housing-price-regressor',
};

export const alerts: AlertsResponse = {
  entityRef: 'component:default/housing-price-regressor',
  rules: [
    {
      name: 'housing-dq-violations',
      kind: 'violations',
      scheduleName: 'housing-dq',
      datapointsToAlert: 3,
      evaluationPeriod: 5,
      enabled: true,
    },
    {
      name: 'housing-income-drift',
      kind: 'drift',
      scheduleName: 'housing-dq',
      datapointsToAlert: 1,
      evaluationPeriod: 1,
      feature: 'median_income',
      threshold: 0.1,
      enabled: false,
    },
  ],
  states: [
    {
      ruleName: 'housing-income-drift',
      kind: 'drift',
      scheduleName: 'housing-dq',
      status: 'OK',
      since: hour(48),
      reason: 'median_income drift 0.04 is within 0.1',
      datapointsInAlert: 0,
      evaluationPeriod: 1,
    },
    {
      ruleName: 'housing-dq-violations',
      kind: 'violations',
      scheduleName: 'housing-dq',
      status: 'InAlert',
      since: hour(5),
      reason: '3 of the last 5 executions had violations',
      datapointsInAlert: 3,
      evaluationPeriod: 5,
    },
  ],
  history: [
    {
      ruleName: 'housing-dq-violations',
      from: 'InAlert',
      to: 'OK',
      at: hour(30),
      reason: '1 of the last 5 executions had violations',
    },
    {
      ruleName: 'housing-dq-violations',
      from: 'OK',
      to: 'InAlert',
      at: hour(5),
      reason: '3 of the last 5 executions had violations',
    },
  ],
};
