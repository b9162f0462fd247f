import { DuckDbEngine } from '../sql/DuckDbEngine';
import { SketchDistribution } from './kllSketch';
import { SAMPLE_SIZE, sketchItems } from './sketchItems';

/** A typed long table (rid, i, t, d) with one column of the values 1..n in a shuffled order. */
async function column(engine: DuckDbEngine, name: string, n: number) {
  await engine.query(
    `CREATE OR REPLACE TEMP TABLE ${name} AS
     SELECT r AS rid, 0 AS i, 1::UTINYINT AS t, ((r * 7919) % ${n} + 1)::DOUBLE AS d
     FROM range(${n}) t(r)`,
  );
}

describe('sketchItems', () => {
  let engine: DuckDbEngine;
  beforeAll(async () => {
    engine = await DuckDbEngine.create({ memoryLimit: '512MB' });
  });
  afterAll(() => engine.close());

  it('takes every 2^h-th value in sorted order, exactly, up to the sample size', async () => {
    const n = 20_000;
    await column(engine, 'sketch_exact', n);
    const sketch = (await sketchItems(engine, 'sketch_exact', [0], () => n)).get(0)!;
    // n = 20000 needs h = 4: 1250 items of weight 16 at level 4, no remainder.
    expect(sketch.data).toHaveLength(5);
    expect(sketch.data[4]).toEqual(
      Array.from({ length: n / 16 }, (_, j) => (j + 1) * 16),
    );
    expect(sketch.data[0]).toEqual([]);
  });

  it('keeps the total weight and ranks close to the truth beyond the sample size', async () => {
    const n = 3 * SAMPLE_SIZE + 5;
    await column(engine, 'sketch_sampled', n);
    const sketch = (await sketchItems(engine, 'sketch_sampled', [0], () => n)).get(0)!;
    const distribution = new SketchDistribution(sketch);
    expect(distribution.totalWeight).toBe(n);
    for (const q of [0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99]) {
      // Values are 1..n, so the true CDF at q*n is q.
      expect(Math.abs(distribution.cdf(q * n) - q)).toBeLessThan(0.01);
    }
    // The same sample on every run.
    const again = (await sketchItems(engine, 'sketch_sampled', [0], () => n)).get(0)!;
    expect(again).toEqual(sketch);
  });
});
