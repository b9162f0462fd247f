import '@testing-library/jest-dom';

// jsdom has no layout, so recharts' ResponsiveContainer would measure 0×0 and draw nothing.
// Give charts a fixed size in tests; everything else in recharts stays real.
jest.mock('recharts', () => {
  const actual = jest.requireActual('recharts');
  const react = jest.requireActual('react');
  return {
    ...actual,
    ResponsiveContainer: ({ children }: { children: unknown }) =>
      react.createElement(
        'div',
        { style: { width: 800, height: 300 } },
        react.cloneElement(children, { width: 800, height: 300 }),
      ),
  };
});
