import {
  InfoCard,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import {
  CloudWatchAlarmState,
  ModelMonitoringSummary,
  MONITOR_TYPES,
} from '@mlmon/plugin-model-monitoring-common';
import { ReactNode } from 'react';
import {
  ageInDays,
  CardStates,
  formatDateTime,
  formatRelative,
  MONITOR_LABELS,
  RiskStatus,
  SourceErrors,
  useMonitoringData,
} from '../shared';

/** Baselines older than this are flagged: the world the model was trained on may be gone. */
const STALE_BASELINE_DAYS = 90;
/** Ground truth older than this is flagged: quality metrics then describe the past. */
const STALE_GROUND_TRUTH_DAYS = 7;

const RISK_SOURCES = {
  'model-card': 'from the SageMaker model card',
  annotation: 'from the mlmon.dev/risk-rating annotation',
  none: 'not rated: add a model card or the mlmon.dev/risk-rating annotation',
} as const;

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box component="section" mb={2}>
      <Typography variant="overline" component="h3" color="textSecondary">
        {title}
      </Typography>
      {children}
    </Box>
  );
}

function Row({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <Box
      display="flex"
      justifyContent="space-between"
      alignItems="baseline"
      py={0.25}
      style={{ gap: 8 }}
    >
      <Typography variant="body2">{label}</Typography>
      <Typography variant="body2" component="div" align="right">
        {children}
      </Typography>
    </Box>
  );
}

function AlarmState({ alarm }: { alarm: CloudWatchAlarmState }) {
  if (alarm.state === 'ALARM') return <StatusError>Alarm</StatusError>;
  if (alarm.state === 'OK') return <StatusOK>OK</StatusOK>;
  return <StatusPending>Insufficient data</StatusPending>;
}

function BaselineAge({ createdAt }: { createdAt?: string }) {
  if (!createdAt) return <StatusOK>Monitored</StatusOK>;
  const age = ageInDays(createdAt);
  if (age > STALE_BASELINE_DAYS)
    return <StatusWarning>Baseline {age} days old</StatusWarning>;
  return (
    <StatusOK>Baseline {age === 0 ? 'from today' : `${age} days old`}</StatusOK>
  );
}

function GroundTruthFreshness({ latestAt }: { latestAt?: string }) {
  if (!latestAt) return <StatusWarning>None received</StatusWarning>;
  const text = `Newest ${formatRelative(latestAt)}`;
  if (ageInDays(latestAt) > STALE_GROUND_TRUTH_DAYS)
    return <StatusWarning>{text}</StatusWarning>;
  return <StatusOK>{text}</StatusOK>;
}

function RiskContent({ value }: { value: ModelMonitoringSummary }) {
  const alerts = value.alerts ?? [];
  const alarms = value.cloudWatchAlarms ?? [];
  const needsGroundTruth = value.monitors.some(
    m => m.monitorType === 'ModelQuality' || m.monitorType === 'ModelBias',
  );
  return (
    <>
      <SourceErrors errors={value.errors} />
      <Section title="Risk rating">
        <RiskStatus risk={value.riskRating} />
        <Typography variant="caption" color="textSecondary" component="div">
          {RISK_SOURCES[value.riskRatingSource]}
        </Typography>
      </Section>
      <Section title="Alerts">
        {alerts.length === 0 && (
          <Typography variant="body2" color="textSecondary">
            No alert rules.
          </Typography>
        )}
        {alerts.map(a => (
          <Box key={a.ruleName} py={0.5}>
            <Row label={a.ruleName}>
              {a.status === 'InAlert' ? (
                <StatusError>In alert</StatusError>
              ) : (
                <StatusOK>OK</StatusOK>
              )}
            </Row>
            <Typography variant="caption" color="textSecondary" component="div">
              {a.reason} ·{' '}
              <span title={formatDateTime(a.since)}>
                since {formatRelative(a.since)}
              </span>
              {a.acknowledgedBy && ` · acknowledged by ${a.acknowledgedBy}`}
            </Typography>
          </Box>
        ))}
      </Section>
      {alarms.length > 0 && (
        <Section title="CloudWatch alarms">
          {alarms.map(alarm => (
            <Row
              key={alarm.alarmName}
              label={
                alarm.consoleUrl ? (
                  <Link href={alarm.consoleUrl} target="_blank" rel="noopener">
                    {alarm.alarmName}
                  </Link>
                ) : (
                  alarm.alarmName
                )
              }
            >
              <AlarmState alarm={alarm} />
            </Row>
          ))}
        </Section>
      )}
      <Section title="Monitoring coverage">
        {MONITOR_TYPES.map(type => {
          const monitor = value.monitors.find(m => m.monitorType === type);
          if (!monitor) {
            return (
              <Row key={type} label={MONITOR_LABELS[type]}>
                <StatusPending>Not monitored</StatusPending>
              </Row>
            );
          }
          return (
            <Row key={type} label={MONITOR_LABELS[type]}>
              <BaselineAge createdAt={monitor.baselineCreatedAt} />
            </Row>
          );
        })}
        {needsGroundTruth && (
          <Row label="Ground truth">
            <GroundTruthFreshness latestAt={value.groundTruthLatestAt} />
          </Row>
        )}
      </Section>
    </>
  );
}

/** Risk rating, alert and alarm states and monitoring coverage of the model. */
export function ModelRiskCard() {
  const state = useMonitoringData((api, ref) => api.getSummary(ref));
  return (
    <InfoCard title="Model risk">
      <CardStates state={state}>{v => <RiskContent value={v} />}</CardStates>
    </InfoCard>
  );
}
