import { InfoCard, Table, TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import type {
  DriftResponse,
  FeatureDriftNow,
} from '@mlmon/plugin-model-monitoring-common';
import { useEffect, useState } from 'react';
import {
  CardStates,
  formatMetric,
  formatPercent,
  SourceErrors,
  useMonitoringData,
} from '../shared';
import {
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import { driftPointMeaning, formatBucket } from './chartData';
import { TimeSeriesChart } from './TimeSeriesChart';

export interface DriftSectionProps {
  range: { from: string; to: string; spanMs: number };
  selectedFeature?: string;
  onSelectFeature: (feature: string) => void;
}

function driftStatus(f: FeatureDriftNow): 'Drifted' | 'Violations' | 'OK' {
  if (f.distance !== null && f.threshold !== null && f.distance > f.threshold)
    return 'Drifted';
  return f.violations.length > 0 ? 'Violations' : 'OK';
}

const STATUS_RANK = { Drifted: 0, Violations: 1, OK: 2 };

function thresholdsOf(now: FeatureDriftNow[], shown: string[]) {
  const values = new Set(
    now
      .filter(f => shown.includes(f.feature) && f.threshold !== null)
      .map(f => f.threshold!),
  );
  return [...values].map(value => ({
    value,
    label: `threshold ${formatMetric(value)}`,
  }));
}

function FeatureTable(props: {
  value: DriftResponse;
  selectedFeature?: string;
  onSelectFeature: (feature: string) => void;
}) {
  const columns: TableColumn<FeatureDriftNow>[] = [
    { title: 'Feature', field: 'feature', highlight: true },
    { title: 'Type', field: 'inferredType' },
    {
      title: 'Distance',
      field: 'distance',
      type: 'numeric',
      render: f => formatMetric(f.distance),
      defaultSort: 'desc',
    },
    {
      title: 'Threshold',
      field: 'threshold',
      type: 'numeric',
      render: f => formatMetric(f.threshold),
    },
    {
      title: 'Completeness (baseline → window)',
      field: 'completeness',
      type: 'numeric',
      render: f =>
        `${
          f.baselineCompleteness === null
            ? '—'
            : formatPercent(f.baselineCompleteness)
        } → ${f.completeness === null ? '—' : formatPercent(f.completeness)}`,
    },
    {
      title: 'Status',
      field: 'status',
      customSort: (a, b) =>
        STATUS_RANK[driftStatus(a)] - STATUS_RANK[driftStatus(b)],
      customFilterAndSearch: (term: string, f) =>
        driftStatus(f).toLowerCase().includes(String(term).toLowerCase()),
      render: f => {
        const s = driftStatus(f);
        if (s === 'Drifted') return <StatusError>Drifted</StatusError>;
        if (s === 'Violations')
          return <StatusWarning>{f.violations.join(', ')}</StatusWarning>;
        return <StatusOK>OK</StatusOK>;
      },
    },
    {
      title: 'Distribution',
      sorting: false,
      filtering: false,
      render: f => (
        <Button
          size="small"
          variant={
            props.selectedFeature === f.feature ? 'contained' : 'outlined'
          }
          color="primary"
          aria-pressed={props.selectedFeature === f.feature}
          onClick={() => props.onSelectFeature(f.feature)}
        >
          Compare
        </Button>
      ),
    },
  ];
  return (
    <Table<FeatureDriftNow>
      title="Features in the newest window"
      options={{
        paging: props.value.now.length > 20,
        pageSize: 20,
        filtering: true,
        padding: 'dense',
      }}
      data={props.value.now.map(f => ({ ...f }))}
      columns={columns}
    />
  );
}

/** Feature drift over time (pick features; thresholds drawn) and the per-feature table. */
export function DriftSection(props: DriftSectionProps) {
  const { range } = props;
  const [picked, setPicked] = useState<string[] | undefined>();
  const state = useMonitoringData(
    (api, ref) =>
      api.getDrift(ref, { from: range.from, to: range.to, features: picked }),
    [range.from, range.to, picked?.join(',')],
  );
  const options = (state.value?.now ?? []).map(f => f.feature);
  const { selectedFeature, onSelectFeature } = props;
  // Open on the most drifted feature, so the page answers "what drifted" without a click.
  useEffect(() => {
    const now = state.value?.now ?? [];
    if (!selectedFeature && now.length > 0) {
      const top = [...now].sort(
        (a, b) => (b.distance ?? -1) - (a.distance ?? -1),
      )[0];
      onSelectFeature(top.feature);
    }
  }, [state.value, selectedFeature, onSelectFeature]);
  return (
    <>
      <InfoCard
        title="Feature drift over time"
        subheader={driftPointMeaning(state.value?.bucketSeconds)}
      >
        <CardStates
          state={state}
          isEmpty={v => v.now.length === 0 && v.series.length === 0}
          emptyTitle="No data-quality executions in this range"
          emptyDescription="Pick a longer time range, or wait for the data-quality schedule to run."
        >
          {v => {
            const shown = v.series.map(s => s.feature);
            return (
              <>
                <SourceErrors errors={v.errors} />
                <Box mb={1} maxWidth={640}>
                  <Autocomplete
                    multiple
                    size="small"
                    options={options}
                    value={picked ?? shown}
                    onChange={(_e, value) =>
                      setPicked(value.length ? value : undefined)
                    }
                    renderInput={params => (
                      <TextField
                        {...params}
                        variant="outlined"
                        label="Features"
                      />
                    )}
                  />
                </Box>
                <TimeSeriesChart
                  label={`Drift distance over time of ${shown.join(', ')}${
                    v.bucketSeconds === undefined
                      ? ''
                      : `, highest per ${formatBucket(v.bucketSeconds)}`
                  }`}
                  series={v.series.map(s => ({
                    key: s.feature,
                    name: s.feature,
                    points: s.points,
                  }))}
                  thresholds={thresholdsOf(v.now, shown)}
                  spanMs={range.spanMs}
                  formatValue={formatMetric}
                />
              </>
            );
          }}
        </CardStates>
      </InfoCard>
      {state.value && state.value.now.length > 0 && (
        <Box mt={3}>
          <FeatureTable
            value={state.value}
            selectedFeature={props.selectedFeature}
            onSelectFeature={props.onSelectFeature}
          />
        </Box>
      )}
    </>
  );
}
