import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { RANGE_OPTIONS, RangeKey } from './timeRange';

/** Buttons for the dashboard's time range (keyboard reachable, one always selected). */
export function TimeRangePicker(props: {
  value: RangeKey;
  onChange: (key: RangeKey) => void;
}) {
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={props.value}
      aria-label="Time range"
      onChange={(_e, key: RangeKey | null) => key && props.onChange(key)}
    >
      {RANGE_OPTIONS.map(o => (
        <ToggleButton key={o.key} value={o.key} aria-label={`Last ${o.label}`}>
          {o.label}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
