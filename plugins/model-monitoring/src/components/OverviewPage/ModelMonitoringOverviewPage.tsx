import {
  Content,
  Header,
  Page,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import {
  MODEL_HEALTH_STATES,
  MODEL_RISK_RATINGS,
  ModelHealth,
  OverviewResponse,
} from '@mlmon/plugin-model-monitoring-common';
import { useEffect, useRef, useState } from 'react';
import { HEALTH_LABELS } from '../shared';
import { HealthCounts } from './HealthCounts';
import { MultiSelectFilter } from './MultiSelectFilter';
import { EMPTY_FILTERS, OverviewFilters } from './overviewQuery';
import { OverviewTable } from './OverviewTable';

const SOURCES = ['builtin', 'sagemaker'] as const;

/** Body of the overview, without page chrome (the new frontend system adds its own header). */
export function ModelMonitoringOverviewContent() {
  const [filters, setFilters] = useState<OverviewFilters>(EMPTY_FILTERS);
  const [response, setResponse] = useState<OverviewResponse>();
  const [error, setError] = useState<Error>();
  const tableRef = useRef<{ onQueryChange?: () => void } | null>(null);
  const first = useRef(true);

  // Filters live outside the table, so a change must ask the table to fetch again.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    tableRef.current?.onQueryChange?.();
  }, [filters]);

  const toggleHealth = (h: ModelHealth) =>
    setFilters(f => ({
      ...f,
      health: f.health.includes(h)
        ? f.health.filter(x => x !== h)
        : [...f.health, h],
    }));

  return (
    <>
      <HealthCounts
        counts={response?.healthCounts}
        total={response?.totalCount}
        selected={filters.health}
        onToggle={toggleHealth}
      />
      <Box display="flex" flexWrap="wrap" style={{ gap: 16 }} mb={2}>
        <MultiSelectFilter
          id="mlmon-filter-health"
          label="Status"
          options={MODEL_HEALTH_STATES}
          labels={HEALTH_LABELS}
          value={filters.health}
          onChange={health => setFilters(f => ({ ...f, health }))}
        />
        <MultiSelectFilter
          id="mlmon-filter-risk"
          label="Risk"
          options={MODEL_RISK_RATINGS}
          value={filters.risk}
          onChange={risk => setFilters(f => ({ ...f, risk }))}
        />
        <MultiSelectFilter
          id="mlmon-filter-source"
          label="Source"
          options={SOURCES}
          labels={{ builtin: 'Built-in', sagemaker: 'SageMaker' }}
          value={filters.source}
          onChange={source => setFilters(f => ({ ...f, source }))}
        />
      </Box>
      {error && (
        <Box mb={2}>
          <ResponseErrorPanel error={error} />
        </Box>
      )}
      <OverviewTable
        filters={filters}
        tableRef={tableRef}
        onResponse={setResponse}
        onError={setError}
      />
    </>
  );
}

/**
 * Every monitored model in the organisation: status, risk, owner, source, last run, open
 * alerts and coverage, with filters, sorting, search and counts at the top.
 */
export function ModelMonitoringOverviewPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Model monitoring"
        subtitle="Every monitored model: data quality, model quality, bias and attribution drift"
      />
      <Content>
        <ModelMonitoringOverviewContent />
      </Content>
    </Page>
  );
}
