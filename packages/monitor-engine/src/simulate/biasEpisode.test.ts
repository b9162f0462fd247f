import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sharedDataset } from '../testing/sharedFolder';
import { FileObjectStore } from '../storage/FileObjectStore';
import { parseCaptureJsonl } from '../formats/captureRecord';
import { readDatasetTable } from './datasetTable';
import { parseBiasSpec } from './biasEpisode';
import { simulateTraffic } from './simulateTraffic';

const adult = readDatasetTable(sharedDataset('adult_income.csv'));
const START = new Date('2026-11-20T00:00:00Z');

describe('bias episodes of the simulated model', () => {
  it('parses the spec and names what is wrong', () => {
    expect(parseBiasSpec('column=sex,value=Female,flip=0.8,from=2026-11-20T02:00Z,ramp=1h')).toEqual([
      { column: 'sex', value: 'Female', flip: 0.8, from: Date.parse('2026-11-20T02:00Z'), rampMs: 3_600_000 },
    ]);
    expect(() => parseBiasSpec('column=sex,value=Female')).toThrow('set flip');
    expect(() => parseBiasSpec('column=sex,value=Female,flip=2')).toThrow('flip must be a number between 0 and 1');
  });

  it('lowers the positive rate of the facet only while the episode lasts', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mlmon-bias-episode-'));
    try {
      const store = new FileObjectStore(root);
      await simulateTraffic({
        dataset: adult, endpoint: 'income', output: store, start: START, hours: 4, ratePerHour: 600, seed: 3,
        label: 'income', bias: 'column=sex,value=Female,flip=1,from=2026-11-20T02:00Z',
      });
      const rate = { before: { female: [0, 0], male: [0, 0] }, during: { female: [0, 0], male: [0, 0] } };
      for await (const info of store.list('')) {
        for (const r of parseCaptureJsonl((await store.get(info.key)).toString(), info.key).records) {
          const sex = r.captureData.endpointInput!.data.split(',')[adult.columns.indexOf('sex')];
          const phase = Date.parse(r.eventMetadata.inferenceTime) < Date.parse('2026-11-20T02:00Z') ? rate.before : rate.during;
          const group = sex === 'Female' ? phase.female : phase.male;
          group[0] += Number(r.captureData.endpointOutput!.data) > 0.5 ? 1 : 0;
          group[1] += 1;
        }
      }
      const share = ([positive, n]: number[]) => positive / n;
      expect(share(rate.before.female)).toBeGreaterThan(0.1);
      expect(share(rate.during.female)).toBe(0);
      expect(Math.abs(share(rate.during.male) - share(rate.before.male))).toBeLessThan(0.06);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
