import { ReactElement } from 'react';
import { ResponsiveContainer } from 'recharts';

/**
 * A chart that takes the width of its card. `label` names the chart for screen readers,
 * which cannot read an SVG plot.
 */
export function ChartFrame(props: {
  height: number;
  label: string;
  children: ReactElement;
}) {
  return (
    <div
      role="img"
      aria-label={props.label}
      style={{ width: '100%', height: props.height }}
    >
      <ResponsiveContainer width="100%" height="100%">
        {props.children}
      </ResponsiveContainer>
    </div>
  );
}
