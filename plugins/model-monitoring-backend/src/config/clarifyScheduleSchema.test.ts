import { resolveModel } from './builtinConfig';

const settings = { dataRoot: 'file:///data', allowedPrefixes: ['file:///data'] };
const base = { entityRef: 'component:default/income', endpointName: 'income', captureUri: 'file:///data/capture' };
const features = ['age', 'sex'];

describe('Clarify schedule fields', () => {
  it('resolves a bias and an explainability schedule with their defaults', () => {
    const model = resolveModel(
      {
        ...base,
        schedules: [
          { name: 'bias', monitorType: 'ModelBias', scheduleExpression: 'cron(0 * ? * * *)', features, facet: { column: 'sex', values: ['Female'] }, label: { column: 'income', positiveValues: ['1'] } },
          { name: 'explain', monitorType: 'ModelExplainability', scheduleExpression: 'cron(0 * ? * * *)', features, explainer: { kind: 'linear' } },
        ],
      } as never,
      settings,
      'registry',
      'registration',
    );
    expect(model.schedules.map(s => [s.baselineUri, s.groundTruthUri])).toEqual([
      ['file:///data/baselines/income/bias', 'file:///data/ground-truth/income'],
      ['file:///data/baselines/income/explain', 'file:///data/ground-truth/income'],
    ]);
  });

  it('names the field a Clarify schedule lacks or gets wrong', () => {
    const one = (schedule: object, origin: 'config' | 'registry' = 'registry') => () =>
      resolveModel({ ...base, schedules: [{ name: 's', scheduleExpression: 'cron(0 * ? * * *)', ...schedule }] } as never, settings, origin, 'registration');
    expect(one({ monitorType: 'ModelBias', features, label: { column: 'income', positiveValues: ['1'] } })).toThrow(
      'registration.schedules.0.facet: required for ModelBias (the column and value of the sensitive group)',
    );
    expect(one({ monitorType: 'ModelBias', features, facet: { column: 'sex' }, label: { column: 'income', positiveValues: ['1'] } })).toThrow(
      'registration.schedules.0.facet: give either values or threshold',
    );
    expect(one({ monitorType: 'ModelExplainability', features })).toThrow('registration.schedules.0.explainer: required for ModelExplainability');
    const http = { monitorType: 'ModelExplainability', features, explainer: { kind: 'http', url: 'http://127.0.0.1:8080/invocations' } };
    expect(one(http)).toThrow('registration.schedules.0.explainer.kind: http explainers may only be configured in app-config');
    expect(one(http, 'config')).not.toThrow();
  });
});
