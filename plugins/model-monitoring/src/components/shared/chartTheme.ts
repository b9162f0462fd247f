import { useTheme } from '@material-ui/core/styles';

/** Colours and text styles for recharts, from the app theme so dark mode works. */
export interface ChartTheme {
  series: string[];
  text: string;
  grid: string;
  threshold: string;
  warning: string;
  ok: string;
  baseline: string;
  window: string;
  tooltip: { backgroundColor: string; borderColor: string; color: string };
  fontSize: number;
}

export function useChartTheme(): ChartTheme {
  const theme = useTheme();
  const { palette } = theme;
  return {
    // Distinct hues that each theme variant tunes for its background.
    series: [
      palette.primary.main,
      palette.secondary.main,
      palette.info.main,
      palette.success.main,
      palette.warning.main,
      palette.error.light,
      palette.primary.light,
      palette.secondary.light,
    ],
    text: palette.text.secondary,
    grid: palette.divider,
    threshold: palette.error.main,
    warning: palette.warning.main,
    ok: palette.success.main,
    baseline: palette.text.disabled,
    window: palette.primary.main,
    tooltip: {
      backgroundColor: palette.background.paper,
      borderColor: palette.divider,
      color: palette.text.primary,
    },
    fontSize: 12,
  };
}
