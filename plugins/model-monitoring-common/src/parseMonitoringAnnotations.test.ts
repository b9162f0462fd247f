import type { Entity } from '@backstage/catalog-model';
import {
  InvalidAnnotationError,
  isModelMonitoringAvailable,
  parseMonitoringAnnotations,
} from './parseMonitoringAnnotations';

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'm', annotations },
    spec: {},
  };
}

describe('parseMonitoringAnnotations', () => {
  it('returns undefined for an entity without the endpoint annotation', () => {
    expect(parseMonitoringAnnotations(entity({}))).toBeUndefined();
    expect(isModelMonitoringAvailable(entity({}))).toBe(false);
  });

  it('reads a built-in endpoint with schedules and a risk override', () => {
    const parsed = parseMonitoringAnnotations(
      entity({
        'mlmon.dev/endpoint': 'housing-price',
        'mlmon.dev/monitoring-schedules': 'housing-dq, housing-mq',
        'mlmon.dev/risk-rating': 'High',
      }),
    );
    expect(parsed).toEqual({
      source: 'builtin',
      endpoint: 'housing-price',
      endpointName: 'housing-price',
      schedules: ['housing-dq', 'housing-mq'],
      quickSightDashboardId: undefined,
      modelCardName: undefined,
      riskRatingOverride: 'High',
    });
  });

  it('reads a SageMaker endpoint ARN into region, account and name', () => {
    const parsed = parseMonitoringAnnotations(
      entity({
        'mlmon.dev/endpoint':
          'arn:aws:sagemaker:eu-west-1:123456789012:endpoint/churn-xgb',
      }),
    );
    expect(parsed).toMatchObject({
      source: 'sagemaker',
      region: 'eu-west-1',
      accountId: '123456789012',
      endpointName: 'churn-xgb',
    });
  });

  it.each([
    ['mlmon.dev/endpoint', "x'; DROP TABLE models; --"],
    ['mlmon.dev/endpoint', 'arn:aws:sagemaker:eu-west-1:123:endpoint/x'],
    ['mlmon.dev/monitoring-schedules', 'ok, ../../etc'],
    ['mlmon.dev/risk-rating', 'Severe'],
    ['mlmon.dev/quicksight-dashboard', 'a b'],
  ])('rejects a malformed %s with a message naming it', (annotation, value) => {
    const annotations: Record<string, string> = {
      'mlmon.dev/endpoint': 'valid-name',
      [annotation]: value,
    };
    expect(() => parseMonitoringAnnotations(entity(annotations))).toThrow(
      InvalidAnnotationError,
    );
    expect(() => parseMonitoringAnnotations(entity(annotations))).toThrow(
      annotation,
    );
  });
});
