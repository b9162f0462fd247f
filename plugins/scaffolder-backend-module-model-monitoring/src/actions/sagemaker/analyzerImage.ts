/**
 * The account of SageMaker's Model Monitor analyzer image (`sagemaker-model-monitor-analyzer`)
 * per region, as published in the SageMaker Python SDK's
 * `src/sagemaker/image_uri_config/model-monitor.json` (version "1"; `image_uris.retrieve(
 * "model-monitor", region)`). The same image computes baselines (a processing job) and runs the
 * data- and model-quality schedules. Regions not listed need the `analyzerImageUri` input.
 */
export const MODEL_MONITOR_ANALYZER_ACCOUNTS: Readonly<Record<string, string>> = {
  'us-east-1': '156813124566',
  'us-east-2': '777275614652',
  'us-west-1': '890145073186',
  'us-west-2': '159807026194',
  'ca-central-1': '536280801234',
  'sa-east-1': '539772159869',
  'eu-north-1': '895015795356',
  'eu-west-1': '468650794304',
  'eu-west-2': '749857270468',
  'eu-west-3': '680080141114',
  'eu-central-1': '048819808253',
  'me-south-1': '607024016150',
  'ap-south-1': '126357580389',
  'ap-east-1': '001633400207',
  'ap-northeast-1': '574779866223',
  'ap-northeast-2': '709848358524',
  'ap-southeast-1': '245545462676',
  'ap-southeast-2': '563025443158',
  'cn-north-1': '453000072557',
  'cn-northwest-1': '453252182341',
};

/** The analyzer image URI of a region, or undefined when the map does not know the region. */
export function modelMonitorAnalyzerImage(region: string): string | undefined {
  const account = MODEL_MONITOR_ANALYZER_ACCOUNTS[region];
  if (!account) return undefined;
  const domain = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `${account}.dkr.ecr.${region}.${domain}/sagemaker-model-monitor-analyzer`;
}
