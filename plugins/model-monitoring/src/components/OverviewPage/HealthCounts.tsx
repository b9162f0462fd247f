import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import {
  ModelHealth,
  MODEL_HEALTH_STATES,
} from '@mlmon/plugin-model-monitoring-common';
import { formatNumber, HealthStatus } from '../shared';

/** Counts per health at the top of the page; a count filters the table to that health. */
export function HealthCounts(props: {
  counts?: Partial<Record<ModelHealth, number>>;
  total?: number;
  selected: ModelHealth[];
  onToggle: (health: ModelHealth) => void;
}) {
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="center"
      style={{ gap: 8 }}
      mb={2}
    >
      <Typography variant="h6" component="p" style={{ marginRight: 8 }}>
        {props.total === undefined
          ? '…'
          : `${formatNumber(props.total, 0)} models`}
      </Typography>
      {MODEL_HEALTH_STATES.filter(
        h => (props.counts?.[h] ?? 0) > 0 || props.selected.includes(h),
      ).map(h => (
        <Button
          key={h}
          size="small"
          variant={props.selected.includes(h) ? 'contained' : 'outlined'}
          aria-pressed={props.selected.includes(h)}
          onClick={() => props.onToggle(h)}
        >
          <HealthStatus health={h} />
          <Box component="span" ml={1} fontWeight="bold">
            {formatNumber(props.counts?.[h] ?? 0, 0)}
          </Box>
        </Button>
      ))}
    </Box>
  );
}
