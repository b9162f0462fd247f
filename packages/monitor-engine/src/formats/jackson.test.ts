import { formatJavaDouble, jacksonStringify, javaDoubleToString, jdouble, jlong } from './jackson';

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
    [-Infinity, '"-Infinity"'],
  ])('%p -> %s', (value, expected) => {
    expect(formatJavaDouble(value)).toBe(expected);
  });

  it('is javaDoubleToString quoted only for non-finite values', () => {
    expect(javaDoubleToString(-3.208758170289026)).toBe('-3.208758170289026');
    expect(javaDoubleToString(12345678.5)).toBe('1.23456785E7');
    expect(javaDoubleToString(NaN)).toBe('NaN');
    expect(javaDoubleToString(Infinity)).toBe('Infinity');
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

  it('keeps Map key order for integer-like keys and prints JLong bare', () => {
    const text = jacksonStringify({
      dataset: { item_count: jlong(3) },
      cm: new Map([
        ['10', new Map([['2', jlong(1)]])],
        ['2', new Map()],
      ]),
      spread: jdouble(NaN),
      absent: undefined,
    });
    expect(text).toBe(
      '{\n  "dataset" : {\n    "item_count" : 3\n  },\n' +
        '  "cm" : {\n    "10" : {\n      "2" : 1\n    },\n    "2" : { }\n  },\n' +
        '  "spread" : "NaN"\n}',
    );
  });
});
