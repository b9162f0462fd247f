import { integer, javaDoubleToString, toJacksonJson } from './jacksonJson';

describe('jacksonJson', () => {
  it("prints doubles as Java's Double.toString", () => {
    expect(javaDoubleToString(0)).toBe('0.0');
    expect(javaDoubleToString(1)).toBe('1.0');
    expect(javaDoubleToString(-3.208758170289026)).toBe('-3.208758170289026');
    expect(javaDoubleToString(0.0001)).toBe('1.0E-4');
    expect(javaDoubleToString(12345678.5)).toBe('1.23456785E7');
    expect(javaDoubleToString(NaN)).toBe('NaN');
  });

  it('pretty prints like Jackson, keeping Map order and quoting NaN', () => {
    const text = toJacksonJson({
      version: 0,
      dataset: { item_count: integer(3) },
      cm: new Map([['10', new Map([['2', integer(1)]])], ['2', new Map()]]),
      list: [0.5, 1],
      spread: NaN,
    });
    expect(text).toBe(
      '{\n  "version" : 0.0,\n  "dataset" : {\n    "item_count" : 3\n  },\n' +
        '  "cm" : {\n    "10" : {\n      "2" : 1\n    },\n    "2" : { }\n  },\n' +
        '  "list" : [ 0.5, 1.0 ],\n  "spread" : "NaN"\n}',
    );
  });
});
