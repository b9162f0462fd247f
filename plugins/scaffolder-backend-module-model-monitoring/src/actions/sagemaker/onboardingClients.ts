import { AthenaClient } from '@aws-sdk/client-athena';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { S3Client } from '@aws-sdk/client-s3';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { SNSClient } from '@aws-sdk/client-sns';
import type { Config } from '@backstage/config';
import { DefaultAwsCredentialsManager, type AwsCredentialsManager } from '@backstage/integration-aws-node';

/** The real SDK clients one onboarding talks to. */
export interface OnboardingClients {
  sageMaker: SageMakerClient;
  s3: S3Client;
  cloudWatch: CloudWatchClient;
  sns: SNSClient;
  /** Where the backend queries its Athena tables (see {@link athenaTarget}). */
  athena: AthenaClient;
}

/** An AWS account and region, as parsed from the endpoint ARN. */
export interface AwsTarget {
  accountId?: string;
  region: string;
}

/**
 * Athena runs where the model-monitoring backend queries the tables: the region of
 * `modelMonitoring.sagemaker.region` with the main account's credentials, as the backend's
 * AthenaViolationsHistory does, unless the template names a region. Without either, the
 * endpoint's account and region.
 */
export function athenaTarget(config: Config, endpoint: AwsTarget, region?: string): AwsTarget {
  const configured = config.getOptionalString('modelMonitoring.sagemaker.region');
  if (region) return { region, accountId: region === endpoint.region ? endpoint.accountId : undefined };
  if (configured) return { region: configured };
  return endpoint;
}

/**
 * Creates the clients with credentials from @backstage/integration-aws-node for the endpoint's
 * account (`aws.accounts`, `aws.accountDefaults` or `aws.mainAccount` in app-config), the SDK's
 * adaptive retries on throttling, and the service endpoint overrides the backend honours too
 * (`modelMonitoring.sagemaker.endpoints`).
 */
export async function createOnboardingClients(
  config: Config,
  endpoint: AwsTarget,
  athena: AwsTarget,
  credentials: AwsCredentialsManager = DefaultAwsCredentialsManager.fromConfig(config),
): Promise<OnboardingClients> {
  const settings = config.getOptionalConfig('modelMonitoring.sagemaker');
  const maxAttempts = settings?.getOptionalNumber('maxAttempts') ?? 4;
  const requestTimeout = settings?.getOptionalNumber('requestTimeoutMs') ?? 10_000;
  const override = (service: string) => {
    const url = settings?.getOptionalString(`endpoints.${service}`);
    return url ? { endpoint: url } : {};
  };
  const common = (region: string) => ({
    region,
    maxAttempts,
    retryMode: 'adaptive',
    requestHandler: { requestTimeout, connectionTimeout: Math.min(requestTimeout, 5_000) },
  });
  const provider = async (target: AwsTarget) =>
    (await credentials.getCredentialProvider(target.accountId ? { accountId: target.accountId } : undefined))
      .sdkCredentialProvider;
  const endpointCredentials = await provider(endpoint);
  const athenaCredentials = athena.accountId === endpoint.accountId ? endpointCredentials : await provider(athena);
  const base = { ...common(endpoint.region), credentials: endpointCredentials };
  return {
    sageMaker: new SageMakerClient({ ...base, ...override('sagemaker') }),
    s3: new S3Client({
      ...base,
      ...(override('s3').endpoint ? { ...override('s3'), forcePathStyle: true } : {}),
    }),
    cloudWatch: new CloudWatchClient({ ...base, ...override('cloudwatch') }),
    sns: new SNSClient(base),
    athena: new AthenaClient({ ...common(athena.region), credentials: athenaCredentials, ...override('athena') }),
  };
}
