import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';

/** A labelled multi-select; an empty selection means "all". */
export function MultiSelectFilter<T extends string>(props: {
  id: string;
  label: string;
  options: readonly T[];
  labels?: Partial<Record<T, string>>;
  value: T[];
  onChange: (value: T[]) => void;
}) {
  const name = (o: T) => props.labels?.[o] ?? o;
  return (
    <FormControl variant="outlined" size="small" style={{ minWidth: 160 }}>
      <InputLabel id={`${props.id}-label`}>{props.label}</InputLabel>
      <Select
        labelId={`${props.id}-label`}
        id={props.id}
        multiple
        label={props.label}
        value={props.value}
        renderValue={selected => (selected as T[]).map(name).join(', ')}
        onChange={e => props.onChange(e.target.value as T[])}
      >
        {props.options.map(o => (
          <MenuItem key={o} value={o}>
            {name(o)}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}
