import { createPermission } from '@backstage/plugin-permission-common';
import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';

/** Embedding a model's QuickSight dashboard (it reveals data beyond the catalog). */
export const modelMonitoringDashboardEmbedPermission = createPermission({
  name: 'model-monitoring.dashboard.embed',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Starting an on-demand monitoring execution or a backfill for a model. */
export const modelMonitoringJobRunPermission = createPermission({
  name: 'model-monitoring.job.run',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Changing a model's alert rules or acknowledging its alerts. */
export const modelMonitoringAlertsUpdatePermission = createPermission({
  name: 'model-monitoring.alerts.update',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Uploading ground-truth labels for a model. */
export const modelMonitoringGroundTruthUploadPermission = createPermission({
  name: 'model-monitoring.ground-truth.upload',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Every permission of the plugin, for registration with the permissions registry. */
export const modelMonitoringPermissions = [
  modelMonitoringDashboardEmbedPermission,
  modelMonitoringJobRunPermission,
  modelMonitoringAlertsUpdatePermission,
  modelMonitoringGroundTruthUploadPermission,
];
