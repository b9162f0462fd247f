import { formatJavaDouble, jacksonStringify, jdouble } from './jackson';

describe('formatJavaDouble', () => {
  it.each([
    [24, '24.0'],
    [2048, '2048.0'],
    [0.64, '0.64'],
    [0.8330066026148891, '0.8330066026148891'],
    [0.001, '0.001'],
    [0.0001, '1.0E-4'],
    [1.5e-7, '1.5E-7'],
    [1e7, '1.0E7'],
    [12345678.9, '1.23456789E7'],
    [-3.25, '-3.25'],
    [0, '0.0'],
    [NaN, '"NaN"'],
  ])('%p -> %s', (value, expected) => {
    expect(formatJavaDouble(value)).toBe(expected);
  });
});

describe('jacksonStringify', () => {
  it('prints like Jackson’s DefaultPrettyPrinter', () => {
    const text = jacksonStringify({
      version: jdouble(0),
      dataset: { item_count: 100 },
      features: [
        { name: 'a', data: [[jdouble(1), jdouble(2)], []] },
        { name: 'b', empty: {} },
      ],
    });
    expect(text).toBe(
      [
        '{',
        '  "version" : 0.0,',
        '  "dataset" : {',
        '    "item_count" : 100',
        '  },',
        '  "features" : [ {',
        '    "name" : "a",',
        '    "data" : [ [ 1.0, 2.0 ], [ ] ]',
        '  }, {',
        '    "name" : "b",',
        '    "empty" : { }',
        '  } ]',
        '}',
      ].join('\n'),
    );
  });
});
