import { Prng } from './prng';
import { driftCell, parseDriftSpec } from './driftSpec';
import { inferLabelModel, parseDegradeSpec, qualityAt } from './predictionModel';
import { intensityAt } from './episodeSpan';
import { parseCsv } from './datasetTable';

describe('drift spec', () => {
  it('parses several episodes with spans and ramps', () => {
    expect(parseDriftSpec('median_income:scale=1.6,from=2026-11-20T10:00Z,to=2026-11-21T00:00Z; ocean_proximity:set=INLAND@0.4,ramp=6h,from=2026-11-20T00:00Z')).toEqual([
      { column: 'median_income', operations: [{ op: 'scale', factor: 1.6 }], rampMs: 0,
        from: Date.parse('2026-11-20T10:00Z'), to: Date.parse('2026-11-21T00:00Z') },
      { column: 'ocean_proximity', operations: [{ op: 'set', value: 'INLAND', probability: 0.4 }], rampMs: 6 * 3_600_000,
        from: Date.parse('2026-11-20T00:00Z') },
    ]);
  });

  it.each([
    ['median_income', /expected COLUMN:OP=VALUE/],
    ['median_income:scale', /expected key=value/],
    ['median_income:scale=abc', /scale must be a number/],
    ['median_income:missing=1.5', /missing must be a number between 0 and 1/],
    ['median_income:grow=2', /unknown key "grow"/],
    ['median_income:from=2026-11-20T00:00Z', /name at least one of/],
    ['x:shift=1,from=2026-11-21T00:00Z,to=2026-11-20T00:00Z', /from must be before to/],
    ['x:shift=1,ramp=2h', /ramp needs a from time/],
    ['x:shift=1,from=yesterday', /ISO time/],
  ])('rejects %j', (spec, reason) => expect(() => parseDriftSpec(spec)).toThrow(reason));

  it('keeps the decimals of the original cell and ramps linearly', () => {
    const rng = new Prng(1);
    expect(driftCell('8.3252', [{ op: 'scale', factor: 1.6 }], 1, 0, rng)).toBe('13.3203');
    expect(driftCell('41.0', [{ op: 'shift', amount: 10 }], 0.5, 0, rng)).toBe('46.0');
    expect(driftCell('40', [{ op: 'scale', factor: 1.5 }], 1, 0, rng)).toBe('60');
    expect(driftCell('', [{ op: 'scale', factor: 1.5 }], 1, 0, rng)).toBe('');
    expect(driftCell('x', [{ op: 'set', value: 'y', probability: 1 }], 1, 0, rng)).toBe('y');
    expect(driftCell('x', [{ op: 'missing', probability: 1 }], 1, 0, rng)).toBe('');
    const span = { from: 0, to: 100, rampMs: 50 };
    expect([intensityAt(span, -1), intensityAt(span, 25), intensityAt(span, 60), intensityAt(span, 100)]).toEqual([0, 0.5, 1, 0]);
  });
});

describe('degrade spec and label model', () => {
  it('moves quality towards the target over the ramp', () => {
    const episodes = parseDegradeSpec('accuracy=0.5,from=2026-11-20T00:00Z,ramp=10h');
    const base = { accuracy: 0.9, error: 0.1, bias: 0 };
    expect(qualityAt(base, episodes, Date.parse('2026-11-19T23:00Z')).accuracy).toBe(0.9);
    expect(qualityAt(base, episodes, Date.parse('2026-11-20T05:00Z')).accuracy).toBeCloseTo(0.7);
    expect(qualityAt(base, episodes, Date.parse('2026-11-21T05:00Z')).accuracy).toBeCloseTo(0.5);
    expect(() => parseDegradeSpec('accuracy=2')).toThrow(/between 0 and 1/);
    expect(() => parseDegradeSpec('speed=2')).toThrow(/unknown key "speed"/);
  });

  it('infers the task and the positive class from the label values', () => {
    expect(inferLabelModel(['<=50K', '>50K', '<=50K'], false)).toEqual({ task: 'binary', classes: ['<=50K', '>50K'], positiveClass: '>50K' });
    expect(inferLabelModel(['1', '0'], true).positiveClass).toBe('1');
    expect(inferLabelModel(['1.5', '2', '3'], true).task).toBe('regression');
    expect(inferLabelModel(['a', 'b', 'c'], false).task).toBe('multiclass');
    expect(() => inferLabelModel(['a', 'b'], false, 'c')).toThrow(/positive label "c"/);
  });
});

describe('prng and csv', () => {
  it('repeats for a seed and produces v4 UUIDs', () => {
    const a = new Prng(5);
    const b = new Prng(5);
    expect([a.next(), a.next(), a.uuid()]).toEqual([b.next(), b.next(), b.uuid()]);
    expect(new Prng(5, 1).next()).not.toBe(new Prng(5, 2).next());
    expect(new Prng(9).uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('parses quoted CSV fields and reports unterminated quotes', () => {
    expect(parseCsv('a,b\n"x, y","say ""hi"""\r\n1,\n', 'f.csv')).toEqual([['a', 'b'], ['x, y', 'say "hi"'], ['1', '']]);
    expect(() => parseCsv('a\n"open', 'f.csv')).toThrow(/f.csv:2: unterminated quoted field/);
  });
});
