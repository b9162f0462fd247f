import { makeStyles } from '@material-ui/core/styles';

/** A row of the status card's lists: a name and its value on one line, details below. */
export const useListRowStyles = makeStyles(theme => ({
  item: { display: 'block', paddingLeft: 0, paddingRight: 0 },
  head: {
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'baseline',
    gap: theme.spacing(1),
  },
}));
