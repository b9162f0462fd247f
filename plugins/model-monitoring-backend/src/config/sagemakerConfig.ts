import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** Settings of the SageMaker source from `modelMonitoring.sagemaker`. */
export interface SageMakerSettings {
  /** Region of clients for calls that no ARN names (QuickSight, Athena). */
  region: string;
  /** Attempts per AWS call (the SDK's adaptive retry with backoff on throttling). */
  maxAttempts: number;
  /** Per-request socket timeout and the whole-call budget, in milliseconds. */
  requestTimeoutMs: number;
  /** s3:// prefixes SageMaker reports may be read from; every other location is refused. */
  reportPrefixes: string[];
  /**
   * Service endpoint URLs that replace the regional defaults (VPC interface endpoints,
   * S3-compatible storage); keys sagemaker, s3, cloudwatch, athena, quicksight.
   */
  endpoints: Partial<Record<'sagemaker' | 's3' | 'cloudwatch' | 'athena' | 'quicksight', string>>;
  /** CloudWatch alarms whose names start with this prefix are shown with the endpoint's name. */
  alarmNamePrefix?: string;
  athena?: {
    workGroup?: string;
    database: string;
    catalog?: string;
    outputLocation?: string;
    /** Table over constraint_violations.json (see docs/athena-tables.md). */
    violationsTable: string;
    timeoutMs: number;
  };
  quickSight?: {
    accountId: string;
    namespace: string;
    region: string;
    /** Backstage user entity ref → QuickSight user name (in `namespace`). */
    users: Record<string, string>;
    /** QuickSight user name for everyone not listed, if any. */
    defaultUser?: string;
    allowedDomains: string[];
    sessionLifetimeMinutes: number;
  };
}

const IDENTIFIER = /^[a-zA-Z_][a-zA-Z0-9_]{0,127}$/;

function identifier(config: Config, key: string, fallback?: string): string {
  const value = config.getOptionalString(key) ?? fallback;
  if (value === undefined || !IDENTIFIER.test(value)) {
    // Athena identifiers are spliced into query templates, so only plain names pass.
    throw new InputError(`modelMonitoring.sagemaker.${key}: must be a plain identifier (letters, digits, underscore)`);
  }
  return value;
}

/** Reads `modelMonitoring.sagemaker`; undefined when the SageMaker source is not configured. */
export function readSageMakerSettings(root: Config, baseUrl?: string): SageMakerSettings | undefined {
  const config = root.getOptionalConfig('modelMonitoring.sagemaker');
  if (!config) return undefined;
  const region = config.getOptionalString('region') ?? 'us-east-1';
  const reportPrefixes = config.getOptionalStringArray('reportPrefixes') ?? [];
  for (const prefix of reportPrefixes) {
    if (!/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/.test(prefix)) {
      throw new InputError(`modelMonitoring.sagemaker.reportPrefixes: ${prefix} is not an s3:// prefix`);
    }
  }
  const athenaConfig = config.getOptionalConfig('athena');
  const quickSightConfig = config.getOptionalConfig('quickSight');
  const settings: SageMakerSettings = {
    region,
    maxAttempts: config.getOptionalNumber('maxAttempts') ?? 4,
    requestTimeoutMs: config.getOptionalNumber('requestTimeoutMs') ?? 10_000,
    reportPrefixes,
    endpoints: readEndpoints(config),
    alarmNamePrefix: config.getOptionalString('alarmNamePrefix'),
  };
  if (athenaConfig) {
    settings.athena = {
      workGroup: athenaConfig.getOptionalString('workGroup'),
      database: identifier(athenaConfig, 'database'),
      catalog: athenaConfig.getOptionalString('catalog'),
      outputLocation: athenaConfig.getOptionalString('outputLocation'),
      violationsTable: identifier(athenaConfig, 'violationsTable', 'sagemaker_constraint_violations'),
      timeoutMs: athenaConfig.getOptionalNumber('timeoutMs') ?? 60_000,
    };
  }
  if (quickSightConfig) {
    const users: Record<string, string> = {};
    for (const entry of quickSightConfig.getOptionalConfigArray('users') ?? []) {
      users[entry.getString('userEntityRef')] = entry.getString('quickSightUserName');
    }
    const domains = quickSightConfig.getOptionalStringArray('allowedDomains') ?? [];
    // The portal itself must be allowed to frame the dashboard.
    if (baseUrl) domains.unshift(new URL(baseUrl).origin);
    settings.quickSight = {
      accountId: quickSightConfig.getString('accountId'),
      namespace: quickSightConfig.getOptionalString('namespace') ?? 'default',
      region: quickSightConfig.getOptionalString('region') ?? region,
      users,
      defaultUser: quickSightConfig.getOptionalString('defaultUserName'),
      allowedDomains: [...new Set(domains)].slice(0, 3),
      sessionLifetimeMinutes: quickSightConfig.getOptionalNumber('sessionLifetimeMinutes') ?? 60,
    };
  }
  return settings;
}

/** True when `uri` lies under one of the configured report prefixes (no `..` escapes). */
export function isAllowedReportUri(settings: Pick<SageMakerSettings, 'reportPrefixes'>, uri: string): boolean {
  if (!uri.startsWith('s3://') || uri.split('/').some(part => part === '..' || part === '.')) return false;
  return settings.reportPrefixes.some(prefix => {
    const base = prefix.endsWith('/') ? prefix : `${prefix}/`;
    return uri === prefix || uri.startsWith(base);
  });
}

function readEndpoints(config: Config): SageMakerSettings['endpoints'] {
  const endpoints: SageMakerSettings['endpoints'] = {};
  const section = config.getOptionalConfig('endpoints');
  for (const service of ['sagemaker', 's3', 'cloudwatch', 'athena', 'quicksight'] as const) {
    const url = section?.getOptionalString(service);
    if (url === undefined) continue;
    if (!/^https?:\/\/[^\s/]+/.test(url)) {
      throw new InputError(`modelMonitoring.sagemaker.endpoints.${service}: ${url} is not an http(s) URL`);
    }
    endpoints[service] = url;
  }
  return endpoints;
}
