import alphaPlugin from './alpha';
import {
  EntityEndpointKpisCard,
  EntityModelMonitoringContent,
  EntityModelMonitoringStatusCard,
  EntityModelQualityCard,
  EntityModelRiskCard,
  EntityQuickSightDashboardCard,
  isModelMonitoringAvailable,
  modelMonitoringPlugin,
  ModelMonitoringOverviewPage,
} from './index';
import { monitoredEntity, unmonitoredEntity } from './__testUtils__/fixtures';

describe('model-monitoring plugin', () => {
  it('offers every extension to apps on the new frontend system', () => {
    for (const id of [
      'api:model-monitoring',
      'entity-card:model-monitoring/status',
      'entity-card:model-monitoring/risk',
      'entity-card:model-monitoring/quality',
      'entity-card:model-monitoring/endpoint-kpis',
      'entity-card:model-monitoring/quicksight',
      'entity-content:model-monitoring/monitoring',
      'page:model-monitoring',
    ]) {
      expect(alphaPlugin.getExtension(id as never)).toBeDefined();
    }
  });

  it('exports the legacy plugin, its components and the availability filter', () => {
    expect(modelMonitoringPlugin.getId()).toBe('model-monitoring');
    expect(modelMonitoringPlugin.routes.root).toBeDefined();
    for (const component of [
      EntityModelMonitoringStatusCard,
      EntityModelRiskCard,
      EntityModelQualityCard,
      EntityEndpointKpisCard,
      EntityQuickSightDashboardCard,
      EntityModelMonitoringContent,
      ModelMonitoringOverviewPage,
    ]) {
      expect(typeof component).toBe('function');
    }
    expect(isModelMonitoringAvailable(monitoredEntity)).toBe(true);
    expect(isModelMonitoringAvailable(unmonitoredEntity)).toBe(false);
  });
});
