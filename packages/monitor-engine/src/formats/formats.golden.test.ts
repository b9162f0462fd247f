import fs from 'node:fs';
import path from 'node:path';
import { sagemakerSample, sharedFolder } from '../testing/sharedFolder';
import { readConstraints, writeConstraints } from './constraints';
import { FormatError } from './jacksonReader';
import { readStatistics, writeStatistics } from './statistics';
import {
  parseDriftDescription,
  readViolations,
  writeViolations,
} from './violations';

/** Every real statistics / constraints / violations file in shared/sagemaker-samples. */
function samples(pattern: RegExp): string[] {
  const root = sharedFolder('sagemaker-samples');
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (pattern.test(entry.name)) found.push(full);
    }
  };
  walk(root);
  return found.sort();
}

const statisticsFiles = samples(/^statistics\.json$/).filter(
  // Model-quality statistics share the file name but not the shape.
  file => !fs.readFileSync(file, 'utf8').includes('_metrics"'),
);
const constraintsFiles = samples(/^constraints\.json$/).filter(
  file => !fs.readFileSync(file, 'utf8').includes('_constraints" : {\n    "'),
);
const violationsFiles = samples(/^constraint_violations.*\.json$/);

// A committed copy may have gained a final newline; SageMaker writes none.
const withoutFinalNewline = (text: string) => text.replace(/\n$/, '');

/** Files formatted by SageMaker's Jackson writer (not hand-edited SDK fixtures). */
const isJacksonFormatted = (text: string) =>
  text.startsWith('{\n  "') && text.includes('" : ');

type Codec = {
  read: (text: string, source: string) => object;
  write: (value: never) => string;
};
const codecs: Record<string, Codec> = {
  statistics: { read: readStatistics, write: writeStatistics },
  constraints: { read: readConstraints, write: writeConstraints },
  violations: { read: readViolations, write: writeViolations },
};
const cases = [
  ...statisticsFiles.map(f => ['statistics', f] as const),
  ...constraintsFiles.map(f => ['constraints', f] as const),
  ...violationsFiles.map(f => ['violations', f] as const),
].map(([kind, file]) => ({
  kind,
  file,
  name: path.relative(sharedFolder(), file),
  text: fs.readFileSync(file, 'utf8'),
}));
const roundTrip = (c: (typeof cases)[number]) =>
  codecs[c.kind].write(codecs[c.kind].read(c.text, c.file) as never);

describe.each(cases.map(c => [c.kind, c.name, c]))(
  '%s %s',
  (_kind, _name, c) => {
    it('parses and writes back the same structure', () => {
      expect(JSON.parse(roundTrip(c))).toEqual(JSON.parse(c.text));
    });
  },
);

describe.each(
  cases.filter(c => isJacksonFormatted(c.text)).map(c => [c.kind, c.name, c]),
)('SageMaker-written %s %s', (_kind, _name, c) => {
  it('is written back byte for byte', () => {
    expect(roundTrip(c)).toBe(withoutFinalNewline(c.text));
  });
});

describe('format samples', () => {
  it('found the real files', () => {
    expect(statisticsFiles.length).toBeGreaterThanOrEqual(3);
    expect(constraintsFiles.length).toBeGreaterThanOrEqual(5);
    expect(violationsFiles.length).toBeGreaterThanOrEqual(4);
  });

  it('reads the drift distance in both wordings', () => {
    const file = sagemakerSample(
      'data-science-on-aws__data-science-on-aws/07_train/wip/debugger-monitor/02_deploy_and_monitor/deploy_and_monitor.ipynb.extracted/monitoring-execution/constraint_violations.json',
    );
    const drift = readViolations(
      fs.readFileSync(file, 'utf8'),
      file,
    ).violations.find(v => v.constraint_check_type === 'baseline_drift_check');
    expect(parseDriftDescription(drift!.description)).toEqual({
      distance: 0.9293200129316993,
      threshold: 0.1,
    });
    expect(
      parseDriftDescription(
        'Numerical distance: 0.2711598746081505 exceeds numerical threshold: 0',
      ),
    ).toEqual({ distance: 0.2711598746081505, threshold: 0 });
  });
});

describe('bad files', () => {
  it('names the file, line and column of a JSON syntax error', () => {
    expect(() =>
      readStatistics(
        '{\n  "version" : 0.0,\n  oops\n}',
        'base/statistics.json',
      ),
    ).toThrow(/base\/statistics\.json: invalid JSON at line 3/);
  });

  it('names the field that does not match the schema', () => {
    const text = JSON.stringify({
      version: 0,
      features: [
        { name: 'a', inferred_type: 'Integral', completeness: 'high' },
      ],
    });
    let error: unknown;
    try {
      readConstraints(text, 'constraints.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FormatError);
    expect((error as Error).message).toMatch(
      /constraints\.json: field features\[0\]\.completeness/,
    );
  });
});
