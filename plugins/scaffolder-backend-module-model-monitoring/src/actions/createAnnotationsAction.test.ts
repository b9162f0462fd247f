import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createAnnotationsAction } from './createAnnotationsAction';
import yaml from 'yaml';

describe('mlmon:annotations:create', () => {
  const action = createAnnotationsAction();

  it('outputs the annotations of a built-in endpoint', async () => {
    const ctx = createMockActionContext({
      input: { endpoint: 'housing-price', schedules: ['housing-price-dq'], riskRating: 'Low' },
    });
    await action.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('annotations', {
      'mlmon.dev/endpoint': 'housing-price',
      'mlmon.dev/monitoring-schedules': 'housing-price-dq',
      'mlmon.dev/risk-rating': 'Low',
    });
  });

  it('gives the same output on a second run and in dry-run (no side effects)', async () => {
    const input = {
      endpoint: 'arn:aws:sagemaker:eu-west-1:123456789012:endpoint/churn-xgb',
      quickSightDashboardId: 'churn-monitoring',
    };
    const first = createMockActionContext({ input });
    const second = createMockActionContext({ input, isDryRun: true });
    await action.handler(first as any);
    await action.handler(second as any);
    expect((second.output as jest.Mock).mock.calls).toEqual(
      (first.output as jest.Mock).mock.calls,
    );
  });

  it('rejects a malformed endpoint with a message naming the annotation', async () => {
    const ctx = createMockActionContext({ input: { endpoint: 'not a name; DROP TABLE x' } });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      /mlmon\.dev\/endpoint is invalid/,
    );
  });

  it('ships examples that are valid YAML template steps for this action', () => {
    for (const example of action.examples ?? []) {
      const parsed = yaml.parse(example.example);
      expect(parsed.steps[0].action).toBe('mlmon:annotations:create');
      expect(parsed.steps[0].input.endpoint).toBeTruthy();
    }
  });
});
