import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  ANNOTATION_ENDPOINT,
  isModelMonitoringAvailable,
} from '@mlmon/plugin-model-monitoring-common';
import { useMemo, useState } from 'react';
import { useMonitoringData } from '../shared';
import { AlertsSection } from './AlertsSection';
import { AttributionSection } from './AttributionSection';
import { BiasSection } from './BiasSection';
import { DriftSection } from './DriftSection';
import { ExecutionsSection } from './ExecutionsSection';
import { FeatureDistributionSection } from './FeatureDistributionSection';
import { PredictionsSection } from './PredictionsSection';
import { QualitySection } from './QualitySection';
import { rangeFor, RangeKey } from './timeRange';
import { TimeRangePicker } from './TimeRangePicker';
import { TrafficSection } from './TrafficSection';
import { ViolationsSection } from './ViolationsSection';

/**
 * The "Monitoring" tab of a model: what drifted, since when, how much, and whether quality
 * suffers. Each section loads on its own, so one slow or failing source leaves the rest.
 */
export function ModelMonitoringContent() {
  const { entity } = useEntity();
  const [rangeKey, setRangeKey] = useState<RangeKey>('7d');
  const range = useMemo(() => rangeFor(rangeKey, Date.now()), [rangeKey]);
  const [feature, setFeature] = useState<string>();
  // Bias and attribution sections only for models that have those monitors: most have neither.
  const summary = useMonitoringData((api, ref) => api.getSummary(ref));
  const monitorTypes = new Set(
    (summary.value?.monitors ?? []).map(m => m.monitorType),
  );
  // Only the built-in engine runs schedules on demand; SageMaker runs its own.
  const runSchedules =
    summary.value?.source === 'builtin'
      ? summary.value.monitors.map(m => m.scheduleName)
      : [];
  // Bumped when an on-demand run ends, so the alerts it may have changed reload.
  const [runsFinished, setRunsFinished] = useState(0);

  if (!isModelMonitoringAvailable(entity)) {
    return <MissingAnnotationEmptyState annotation={ANNOTATION_ENDPOINT} />;
  }
  return (
    <Grid container spacing={3} alignItems="stretch">
      <Grid item xs={12}>
        <Box
          display="flex"
          justifyContent="space-between"
          alignItems="center"
          flexWrap="wrap"
          style={{ gap: 8 }}
        >
          <Typography variant="h5" component="h2">
            Monitoring dashboard
          </Typography>
          <TimeRangePicker value={rangeKey} onChange={setRangeKey} />
        </Box>
      </Grid>
      <Grid item xs={12}>
        <DriftSection
          range={range}
          selectedFeature={feature}
          onSelectFeature={setFeature}
        />
      </Grid>
      <Grid item xs={12} lg={6}>
        <FeatureDistributionSection feature={feature} />
      </Grid>
      <Grid item xs={12} lg={6}>
        <ViolationsSection range={range} />
      </Grid>
      <Grid item xs={12}>
        <QualitySection range={range} />
      </Grid>
      {monitorTypes.has('ModelBias') && (
        <Grid item xs={12}>
          <BiasSection range={range} />
        </Grid>
      )}
      {monitorTypes.has('ModelExplainability') && (
        <Grid item xs={12}>
          <AttributionSection range={range} />
        </Grid>
      )}
      <Grid item xs={12}>
        <PredictionsSection spanMs={range.spanMs} />
      </Grid>
      <Grid item xs={12}>
        <TrafficSection range={range} />
      </Grid>
      <Grid item xs={12}>
        <AlertsSection refreshKey={runsFinished} />
      </Grid>
      <Grid item xs={12}>
        <ExecutionsSection
          range={range}
          runSchedules={runSchedules}
          onRunFinished={() => setRunsFinished(n => n + 1)}
        />
      </Grid>
    </Grid>
  );
}
