import { isError, ResponseError } from '@backstage/errors';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import type {
  DriftContributorItem,
  DriftContributorsResponse,
  MonitorSummary,
} from '@mlmon/plugin-model-monitoring-common';
import { formatMetric, formatPercent, useMonitoringData } from '../shared';
import { useListRowStyles } from './listRowStyles';

/** A short list: the point is where to look first, not a second drift table. */
const MAX_ITEMS = 5;

const useStyles = makeStyles({
  bar: { height: 6, borderRadius: 3, margin: '4px 0 2px' },
});

/** Monitors whose newest execution the backend ranks features from. */
function hasDriftSource(monitors: MonitorSummary[]): boolean {
  return monitors.some(
    m =>
      m.monitorType === 'DataQuality' ||
      m.monitorType === 'ModelExplainability',
  );
}

function isResponseError(error: unknown): error is ResponseError {
  return isError(error) && error.name === 'ResponseError';
}

/** The backend's own words ("Athena throttled"), not "Request failed with 503". */
function errorMessage(error: Error): string {
  return isResponseError(error)
    ? error.body?.error?.message ?? error.message
    : error.message;
}

function basisInWords(value: DriftContributorsResponse): string {
  if (value.weighted) return 'Drift weighted by feature attribution';
  return value.basis === 'feature-attribution'
    ? 'Ranked by attribution change'
    : 'Ranked by drift distance';
}

function ContributorItem(props: {
  item: DriftContributorItem;
  value: DriftContributorsResponse;
}) {
  const classes = { ...useListRowStyles(), ...useStyles() };
  const { item, value } = props;
  const share = formatPercent(item.share);
  const driftName =
    value.basis === 'feature-attribution' ? 'attribution change' : 'drift';
  return (
    <ListItem className={classes.item} disableGutters>
      <div className={classes.head}>
        <Typography variant="body2" component="span">
          {item.rank}. <strong>{item.feature}</strong>
        </Typography>
        <Typography variant="body2" component="span">
          {share}
        </Typography>
      </div>
      <LinearProgress
        className={classes.bar}
        variant="determinate"
        value={Math.min(100, Math.max(0, item.share * 100))}
        aria-label={`${item.feature}: ${share} of the drift`}
      />
      <Typography variant="caption" color="textSecondary" component="div">
        {driftName} {formatMetric(item.drift)}
        {value.weighted && item.attribution !== null
          ? ` · attribution ${formatMetric(item.attribution)}`
          : ''}
      </Typography>
    </ListItem>
  );
}

/**
 * "Features to look at first": the features that contribute most to the newest drift, weighted
 * by their attribution when an explainability monitor exists. An optional part of the status
 * card, so it stays silent while loading, when nothing drifted and when the route is missing
 * (404); other failures leave one quiet line, never an error panel.
 */
export function FeaturesToLookAtFirst({
  monitors,
}: {
  monitors: MonitorSummary[];
}) {
  const relevant = hasDriftSource(monitors);
  const state = useMonitoringData(
    async (api, ref) => (relevant ? api.getDriftContributors(ref) : undefined),
    [relevant],
  );
  if (!relevant || state.loading) return null;
  if (state.error) {
    if (isResponseError(state.error) && state.error.statusCode === 404) {
      return null;
    }
    return (
      <Typography variant="caption" color="textSecondary" component="p">
        Could not rank the drifted features: {errorMessage(state.error)}
      </Typography>
    );
  }
  const value = state.value;
  if (!value || value.items.length === 0) return null;
  const items = [...value.items]
    .sort((a, b) => a.rank - b.rank)
    .slice(0, MAX_ITEMS);
  return (
    <Box mt={2} component="section" aria-label="Features to look at first">
      <Typography variant="subtitle2" component="h3">
        Features to look at first
      </Typography>
      <Typography variant="caption" color="textSecondary" component="p">
        {basisInWords(value)}
        {value.items.length > items.length
          ? ` · top ${items.length} of ${value.items.length}`
          : ''}
      </Typography>
      <List dense disablePadding>
        {items.map(item => (
          <ContributorItem key={item.feature} item={item} value={value} />
        ))}
      </List>
    </Box>
  );
}
