import fs from 'node:fs';
import path from 'node:path';
import { sagemakerSample, sharedFolder } from '../../testing/sharedFolder';
import { parseClarifyAnalysis } from './clarifyAnalysisSchema';
import { writeClarifyAnalysis } from './clarifyAnalysisWriter';
import { pythonFloatRepr } from './pythonJson';

function findAnalysisFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return findAnalysisFiles(full);
    return entry.name === 'analysis.json' ? [full] : [];
  });
}

/** Every key path of a JSON value, in document order (array items by index). */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => keyPaths(v, `${prefix}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [`${prefix}.${k}`, ...keyPaths(v, `${prefix}.${k}`)]);
  }
  return [];
}

const samples = findAnalysisFiles(sharedFolder('sagemaker-samples'));

describe('Clarify analysis.json', () => {
  it('finds the real samples', () => {
    expect(samples.length).toBeGreaterThanOrEqual(8);
  });

  it.each(samples.map(file => [path.relative(sharedFolder('sagemaker-samples'), file), file]))(
    'parses %s and writes the same structure back',
    (_name, file) => {
      const text = fs.readFileSync(file, 'utf8');
      const parsed = parseClarifyAnalysis(text, file);
      const written = writeClarifyAnalysis(parsed);
      // Same keys, same nesting, same order; same values (numbers compared after JSON round trip).
      expect(keyPaths(JSON.parse(written))).toEqual(keyPaths(JSON.parse(text)));
      expect(JSON.parse(written)).toEqual(JSON.parse(text));
    },
  );

  it('writes byte-identical text for files Clarify printed with json.dumps(indent=4)', () => {
    const file = sagemakerSample(
      'aws__amazon-sagemaker-examples/sagemaker_model_monitor/fairness_and_explainability/SageMaker-Monitoring-Bias-Drift-for-Batch-Transform.ipynb.extracted/baselining-output/analysis.json',
    );
    const text = fs.readFileSync(file, 'utf8').trimEnd();
    expect(writeClarifyAnalysis(parseClarifyAnalysis(text, file))).toBe(text);
    const shapFile = sagemakerSample(
      'aws__amazon-sagemaker-examples/archived/fraud_detection/clarify_output/explainability/analysis.json',
    );
    const shapText = fs.readFileSync(shapFile, 'utf8');
    expect(writeClarifyAnalysis(parseClarifyAnalysis(shapText, shapFile))).toBe(shapText);
  });

  it('writes Infinity as Clarify does and names the field of a bad file', () => {
    const text = writeClarifyAnalysis({
      version: '1.0',
      post_training_bias_metrics: {
        label: 'y',
        label_value_or_threshold: '1',
        facets: { f: [{ value_or_threshold: '0', metrics: [{ name: 'TE', description: 'Treatment Equality (TE)', value: 'Infinity' }] }] },
      },
    });
    expect(text).toContain('"value": "Infinity"');
    expect(() => parseClarifyAnalysis('{"version": "1.0", "explanations": {"kernel_shap": {"label0": {"global_shap_values": {"a": "x"}}}}}', 'x.json')).toThrow(
      'x.json: field explanations.kernel_shap.label0.global_shap_values.a',
    );
    expect(() => parseClarifyAnalysis('{\n"version": }', 'y.json')).toThrow(/y\.json, line 2/);
  });

  it('formats floats like Python repr', () => {
    expect([1, 0.1, 1e-5, 1.5e-5, 0.0001, 1e16, 123456789012345680000, -72, 2.916666666666667].map(pythonFloatRepr)).toEqual(
      ['1.0', '0.1', '1e-05', '1.5e-05', '0.0001', '1e+16', '1.2345678901234568e+20', '-72.0', '2.916666666666667'],
    );
  });
});
