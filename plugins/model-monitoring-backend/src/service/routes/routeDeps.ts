import type { LoggerService } from '@backstage/backend-plugin-api';
import type { BuiltinJobs } from '../../builtin/BuiltinJobs';
import type { AlertingService } from '../../alerting/AlertingService';
import type { AlertStore } from '../../database/AlertStore';
import type { ExecutionMetricsStore } from '../../database/ExecutionMetricsStore';
import type { ExecutionStore } from '../../database/ExecutionStore';
import type { ModelRegistryStore } from '../../database/ModelRegistryStore';
import type { SnapshotStore } from '../../database/SnapshotStore';
import type { BaselineReader } from '../../reports/BaselineReader';
import type { OpenStore, ReportReader } from '../../reports/ReportReader';
import type { DashboardEmbedResponse } from '@mlmon/plugin-model-monitoring-common';
import type { EntityRequest, RequestDeps } from '../requestContext';
import type { TtlCache } from '../TtlCache';
import type { SnapshotRefresher } from '../SnapshotRefresher';
import type { VisibleEntities } from '../VisibleEntities';
import type { SageMakerSource } from '../../sagemaker/SageMakerSource';

/** Everything the routes use. */
export interface RouteDeps extends RequestDeps {
  executions: ExecutionStore;
  /** Per-metric numbers of executions (series routes). */
  metrics: ExecutionMetricsStore;
  alerts: AlertStore;
  alerting: AlertingService;
  snapshots: SnapshotStore;
  refresher: SnapshotRefresher;
  registry: ModelRegistryStore;
  reports: ReportReader;
  baselines: BaselineReader;
  /** Opens a storage location (capture files of built-in models). */
  openStore: OpenStore;
  jobs: BuiltinJobs;
  cache: TtlCache<unknown>;
  /** Per-caller monitored entities the caller may read (overview). */
  visibleEntities: VisibleEntities;
  logger: LoggerService;
  nextRun(expression: string): Date | undefined;
  /** The SageMaker source, when `modelMonitoring.sagemaker` is configured. */
  sagemaker?: SageMakerSource;
  /** QuickSight embedding, when configured (SageMaker source). */
  embedDashboard?: (request: EntityRequest) => Promise<DashboardEmbedResponse>;
}
