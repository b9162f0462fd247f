import type { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import type { ModelMonitoringSummary } from '@mlmon/plugin-model-monitoring-common';
import { ModelMonitoringApi, modelMonitoringApiRef } from '../../api';
import { ModelMonitoringStatusCard } from './ModelMonitoringStatusCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'housing-price',
    namespace: 'default',
    annotations: { 'mlmon.dev/endpoint': 'housing-price' },
  },
  spec: { type: 'ml-model' },
};

const summary: ModelMonitoringSummary = {
  entityRef: 'component:default/housing-price',
  source: 'builtin',
  endpointName: 'housing-price',
  riskRating: 'Medium',
  riskRatingSource: 'annotation',
  monitors: [
    {
      scheduleName: 'housing-price-dq',
      monitorType: 'DataQuality',
      lastExecution: {
        scheduleName: 'housing-price-dq',
        monitorType: 'DataQuality',
        windowStart: '2026-11-22T10:00:00.000Z',
        windowEnd: '2026-11-22T11:00:00.000Z',
        status: 'CompletedWithViolations',
        violationCount: 1,
        violations: ['median_income'],
        finishedAt: '2026-11-22T11:05:00.000Z',
      },
    },
    { scheduleName: 'housing-price-mq', monitorType: 'ModelQuality' },
  ],
};

function renderCard(api: Partial<ModelMonitoringApi>, forEntity: Entity = entity) {
  return renderInTestApp(
    <TestApiProvider apis={[[modelMonitoringApiRef, api]]}>
      <EntityProvider entity={forEntity}>
        <ModelMonitoringStatusCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('ModelMonitoringStatusCard', () => {
  it('shows each monitor with its status and violated features', async () => {
    const getSummary = jest.fn().mockResolvedValue(summary);
    await renderCard({ getSummary });
    expect(await screen.findByText('median_income')).toBeInTheDocument();
    expect(screen.getByText('Violations found')).toBeInTheDocument();
    expect(screen.getByText('No run yet')).toBeInTheDocument();
    expect(screen.getByText(/risk Medium/)).toBeInTheDocument();
    expect(getSummary).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'housing-price',
    });
  });

  it('explains the missing annotation instead of calling the backend', async () => {
    const getSummary = jest.fn();
    await renderCard({ getSummary }, {
      ...entity,
      metadata: { name: 'website', namespace: 'default' },
    });
    expect(screen.getAllByText(/mlmon.dev\/endpoint/).length).toBeGreaterThan(0);
    expect(getSummary).not.toHaveBeenCalled();
  });

  it('shows the backend error', async () => {
    const response = new Response(
      JSON.stringify({
        error: { name: 'InputError', message: 'Annotation mlmon.dev/endpoint is invalid' },
        response: { statusCode: 400 },
      }),
      { status: 400, headers: { 'content-type': 'application/json' } },
    );
    const error = await ResponseError.fromResponse(response);
    await renderCard({ getSummary: jest.fn().mockRejectedValue(error) });
    expect(
      (await screen.findAllByText(/Annotation mlmon.dev\/endpoint is invalid/)).length,
    ).toBeGreaterThan(0);
  });

  it('says so when the model has no schedules yet', async () => {
    await renderCard({ getSummary: jest.fn().mockResolvedValue({ ...summary, monitors: [] }) });
    expect(
      await screen.findByText(/No monitoring schedules yet for endpoint housing-price/),
    ).toBeInTheDocument();
  });
});
