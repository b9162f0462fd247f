import { modelMonitorAnalyzerImage } from './analyzerImage';
import { captureEndpointConfigName, onboardingNames, resourceName } from './onboardingNames';

describe('onboarding names', () => {
  it('derives schedule names from the endpoint, within 63 characters', () => {
    expect(onboardingNames('churn-xgb').dataQualitySchedule).toBe('churn-xgb-data-quality');
    const long = 'a'.repeat(60);
    const name = resourceName(long, '-model-quality');
    expect(name).toHaveLength(63);
    expect(name).toMatch(/^a+-[0-9a-f]{8}-model-quality$/);
    expect(resourceName(`${'a'.repeat(59)}b`, '-model-quality')).not.toBe(name);
  });

  it('names the capture config after the source config and the settings, stably', () => {
    const settings = { DestinationS3Uri: 's3://b/c', InitialSamplingPercentage: 100 };
    expect(captureEndpointConfigName('e', 'cfg', settings)).toBe(captureEndpointConfigName('e', 'cfg', { ...settings }));
    expect(captureEndpointConfigName('e', 'cfg', settings)).not.toBe(captureEndpointConfigName('e', 'cfg', { ...settings, InitialSamplingPercentage: 50 }));
  });

  it('knows the analyzer image of a region, and says when it does not', () => {
    expect(modelMonitorAnalyzerImage('us-east-1')).toBe('156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer');
    expect(modelMonitorAnalyzerImage('cn-north-1')).toBe('453000072557.dkr.ecr.cn-north-1.amazonaws.com.cn/sagemaker-model-monitor-analyzer');
    expect(modelMonitorAnalyzerImage('xx-nowhere-1')).toBeUndefined();
  });
});
