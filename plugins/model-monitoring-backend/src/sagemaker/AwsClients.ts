import { AthenaClient } from '@aws-sdk/client-athena';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { QuickSightClient } from '@aws-sdk/client-quicksight';
import { S3Client } from '@aws-sdk/client-s3';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { AwsCredentialsManager } from '@backstage/integration-aws-node';
import type { SageMakerSettings } from '../config/sagemakerConfig';

/** Where a client talks to: an account and a region (from the endpoint ARN or config). */
export interface AwsTarget {
  accountId?: string;
  region: string;
}

type ClientClass<C> = new (config: {
  region: string;
  endpoint?: string;
  forcePathStyle?: boolean;
  requestChecksumCalculation?: string;
  responseChecksumValidation?: string;
  credentials: unknown;
  maxAttempts: number;
  retryMode: string;
  requestHandler: { requestTimeout: number; connectionTimeout: number };
}) => C;

/**
 * AWS SDK clients per (service, account, region), with credentials from
 * @backstage/integration-aws-node (`aws.accounts` / `aws.mainAccount` in app-config), the SDK's
 * adaptive retry strategy (exponential backoff with jitter on throttling, plus a client-side rate
 * limiter) and socket timeouts. Clients are created once and reused: each one keeps a
 * connection pool and its retry token bucket, which only works if it lives on.
 */
export class AwsClients {
  private readonly clients = new Map<string, Promise<unknown>>();

  constructor(
    private readonly credentials: AwsCredentialsManager,
    private readonly settings: Pick<SageMakerSettings, 'maxAttempts' | 'requestTimeoutMs' | 'endpoints'>,
  ) {}

  sageMaker(target: AwsTarget): Promise<SageMakerClient> {
    return this.client('sagemaker', SageMakerClient as unknown as ClientClass<SageMakerClient>, target);
  }

  cloudWatch(target: AwsTarget): Promise<CloudWatchClient> {
    return this.client('cloudwatch', CloudWatchClient as unknown as ClientClass<CloudWatchClient>, target);
  }

  s3(target: AwsTarget): Promise<S3Client> {
    return this.client('s3', S3Client as unknown as ClientClass<S3Client>, target);
  }

  athena(target: AwsTarget): Promise<AthenaClient> {
    return this.client('athena', AthenaClient as unknown as ClientClass<AthenaClient>, target);
  }

  quickSight(target: AwsTarget): Promise<QuickSightClient> {
    return this.client('quicksight', QuickSightClient as unknown as ClientClass<QuickSightClient>, target);
  }

  private overrides(service: keyof SageMakerSettings['endpoints']) {
    const endpoint = this.settings.endpoints[service];
    if (!endpoint) return {};
    // S3-compatible stores behind a custom endpoint rarely support virtual-host buckets or the
    // newer default checksums.
    return service === 's3'
      ? { endpoint, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' }
      : { endpoint };
  }

  /** Abort signal for one call: the socket timeout bounds each attempt, this the whole call with retries. */
  callSignal(): AbortSignal {
    return AbortSignal.timeout(this.settings.requestTimeoutMs * this.settings.maxAttempts);
  }

  private client<C>(service: keyof SageMakerSettings['endpoints'], Client: ClientClass<C>, target: AwsTarget): Promise<C> {
    const key = `${service}\u0000${target.accountId ?? ''}\u0000${target.region}`;
    let client = this.clients.get(key) as Promise<C> | undefined;
    if (!client) {
      client = this.credentials
        .getCredentialProvider(target.accountId ? { accountId: target.accountId } : undefined)
        .then(
          provider =>
            new Client({
              region: target.region,
              ...this.overrides(service),
              credentials: provider.sdkCredentialProvider,
              maxAttempts: this.settings.maxAttempts,
              retryMode: 'adaptive',
              requestHandler: {
                requestTimeout: this.settings.requestTimeoutMs,
                connectionTimeout: Math.min(this.settings.requestTimeoutMs, 5_000),
              },
            }),
        );
      // A failed credential lookup is not cached: the next request tries again.
      client.catch(() => this.clients.delete(key));
      this.clients.set(key, client);
    }
    return client;
  }
}
