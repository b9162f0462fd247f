import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import type {
  ExecutionStatus,
  ModelHealth,
  ModelRiskRating,
} from '@mlmon/plugin-model-monitoring-common';
import { EXECUTION_STATUS_LABELS, HEALTH_LABELS } from './labels';

/** A model's or monitor's health as a coloured status line (icon + words, not colour alone). */
export function HealthStatus({ health }: { health?: ModelHealth }) {
  const value = health ?? 'Unknown';
  const label = HEALTH_LABELS[value];
  switch (value) {
    case 'OK':
      return <StatusOK>{label}</StatusOK>;
    case 'Violations':
      return <StatusWarning>{label}</StatusWarning>;
    case 'InAlert':
    case 'Failed':
      return <StatusError>{label}</StatusError>;
    case 'NoData':
      return <StatusPending>{label}</StatusPending>;
    default:
      return <StatusAborted>{label}</StatusAborted>;
  }
}

/** The status of one monitoring execution. */
export function ExecutionStatusLabel({ status }: { status?: ExecutionStatus }) {
  if (!status) {
    return <StatusPending>No run yet</StatusPending>;
  }
  const label = EXECUTION_STATUS_LABELS[status];
  switch (status) {
    case 'Completed':
      return <StatusOK>{label}</StatusOK>;
    case 'CompletedWithViolations':
      return <StatusWarning>{label}</StatusWarning>;
    case 'Failed':
      return <StatusError>{label}</StatusError>;
    case 'InProgress':
      return <StatusRunning>{label}</StatusRunning>;
    case 'Pending':
      return <StatusPending>{label}</StatusPending>;
    default:
      return <StatusAborted>{label}</StatusAborted>;
  }
}

/** A risk rating, High in the error colour. */
export function RiskStatus({ risk }: { risk: ModelRiskRating }) {
  switch (risk) {
    case 'High':
      return <StatusError>High risk</StatusError>;
    case 'Medium':
      return <StatusWarning>Medium risk</StatusWarning>;
    case 'Low':
      return <StatusOK>Low risk</StatusOK>;
    default:
      return <StatusAborted>Risk unknown</StatusAborted>;
  }
}
