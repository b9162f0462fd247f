import { InfoCard, StatusError, StatusOK } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { ModelQualityResponse } from '@mlmon/plugin-model-monitoring-common';
import {
  CardStates,
  formatMetric,
  metricLabel,
  SourceErrors,
  Sparkline,
  useMonitoringData,
} from '../shared';
import { breachesThreshold, latestValue, pickKeyMetric } from './keyMetric';

const PROBLEM_LABELS = {
  Regression: 'regression',
  BinaryClassification: 'binary classification',
  MulticlassClassification: 'multiclass classification',
} as const;

function QualityContent({ value }: { value: ModelQualityResponse }) {
  const key = pickKeyMetric(value.metrics, value.problemType)!;
  const latest = latestValue(key);
  const breached = latest !== undefined && breachesThreshold(key, latest);
  const label = metricLabel(key.metric);
  return (
    <>
      <SourceErrors errors={value.errors} />
      <Box
        display="flex"
        alignItems="baseline"
        justifyContent="space-between"
        style={{ gap: 8 }}
      >
        <Box>
          <Typography variant="overline" color="textSecondary" component="div">
            {label}
            {value.problemType && ` · ${PROBLEM_LABELS[value.problemType]}`}
          </Typography>
          <Typography variant="h4" component="div">
            {formatMetric(latest)}
          </Typography>
        </Box>
        <Box textAlign="right">
          {latest !== undefined &&
            key.threshold !== undefined &&
            (breached ? (
              <StatusError>Beyond threshold</StatusError>
            ) : (
              <StatusOK>Within threshold</StatusOK>
            ))}
          <Typography variant="body2" color="textSecondary">
            {key.threshold !== undefined &&
              `threshold ${formatMetric(key.threshold)}`}
            {key.baseline !== undefined &&
              ` · baseline ${formatMetric(key.baseline)}`}
          </Typography>
        </Box>
      </Box>
      <Sparkline
        points={key.points}
        threshold={key.threshold}
        height={64}
        label={`${label} over the last ${key.points.length} windows`}
      />
    </>
  );
}

/** The model's key quality metric for its problem type against its threshold, with its trend. */
export function ModelQualityCard() {
  const state = useMonitoringData((api, ref) => api.getQuality(ref));
  return (
    <InfoCard title="Model quality" subheader={state.value?.scheduleName}>
      <CardStates
        state={state}
        isEmpty={v =>
          v.metrics.length === 0 ||
          v.metrics.every(m => latestValue(m) === undefined)
        }
        emptyTitle="No model-quality results yet"
        emptyDescription="Model quality needs ground-truth labels merged with captured predictions. Upload ground truth or wait for the next model-quality execution."
      >
        {v => <QualityContent value={v} />}
      </CardStates>
    </InfoCard>
  );
}
