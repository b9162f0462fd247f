import {
  DescribeEndpointCommand,
  DescribeModelCardCommand,
  DescribeMonitoringScheduleCommand,
  DescribeProcessingJobCommand,
  ListMonitoringExecutionsCommand,
  ListMonitoringSchedulesCommand,
  type DescribeMonitoringScheduleCommandOutput,
  type MonitoringExecutionSummary,
} from '@aws-sdk/client-sagemaker';
import {
  MODEL_RISK_RATINGS,
  type ExecutionStatus,
  type ModelRiskRating,
  type MonitoringExecution,
  type MonitorType,
  type ScheduleStatus,
} from '@mlmon/plugin-model-monitoring-common';
import type { AwsClients, AwsTarget } from './AwsClients';

/** What the summary needs of one monitoring schedule. */
export interface SageMakerSchedule {
  name: string;
  monitorType: MonitorType;
  status: ScheduleStatus;
  scheduleExpression?: string;
  failureReason?: string;
  lastExecution?: MonitoringExecution;
}

/** Data capture of an endpoint (DescribeEndpoint), for the traffic card and the capture status. */
export interface DataCaptureInfo {
  enabled: boolean;
  destinationS3Uri?: string;
  samplingPercentage?: number;
  variants: string[];
}

const MAX_EXECUTION_PAGES = 20;

/** Converts one SageMaker execution summary to the REST shape. */
export function toExecution(summary: MonitoringExecutionSummary, fallbackType?: MonitorType): MonitoringExecution {
  const scheduled = summary.ScheduledTime ?? summary.CreationTime ?? new Date(0);
  // SageMaker's scheduled time is the window end: an hourly schedule analyses the hour before it.
  const windowEnd = new Date(scheduled);
  const status = (summary.MonitoringExecutionStatus ?? 'Pending') as ExecutionStatus;
  return {
    scheduleName: summary.MonitoringScheduleName ?? '',
    monitorType: ((summary.MonitoringType as MonitorType | undefined) ?? fallbackType ?? 'DataQuality'),
    windowStart: new Date(windowEnd.getTime() - 3_600_000).toISOString(),
    windowEnd: windowEnd.toISOString(),
    status,
    failureReason: summary.FailureReason,
    // The summary has no count; the violations card reads constraint_violations.json for it.
    violationCount: status === 'CompletedWithViolations' ? 1 : 0,
    violations: [],
    finishedAt: (summary.LastModifiedTime ?? summary.CreationTime ?? scheduled).toISOString(),
  };
}

/**
 * The SageMaker API calls of the SageMaker source. Every call carries an abort signal (the whole
 * call with its retries is bounded); the clients retry throttling with backoff.
 */
export class SageMakerApi {
  constructor(private readonly clients: AwsClients) {}

  /** Schedule names of an endpoint (ListMonitoringSchedules, every page). */
  async scheduleNames(target: AwsTarget, endpointName: string): Promise<string[]> {
    const client = await this.clients.sageMaker(target);
    const names: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await client.send(
        new ListMonitoringSchedulesCommand({ EndpointName: endpointName, NextToken, MaxResults: 100 }),
        { abortSignal: this.clients.callSignal() },
      );
      for (const s of page.MonitoringScheduleSummaries ?? []) {
        if (s.MonitoringScheduleName) names.push(s.MonitoringScheduleName);
      }
      NextToken = page.NextToken;
    } while (NextToken);
    return names.sort();
  }

  async schedule(target: AwsTarget, name: string): Promise<SageMakerSchedule> {
    const client = await this.clients.sageMaker(target);
    const d: DescribeMonitoringScheduleCommandOutput = await client.send(
      new DescribeMonitoringScheduleCommand({ MonitoringScheduleName: name }),
      { abortSignal: this.clients.callSignal() },
    );
    const monitorType = (d.MonitoringType ?? d.MonitoringScheduleConfig?.MonitoringType ?? 'DataQuality') as MonitorType;
    return {
      name,
      monitorType,
      status: (d.MonitoringScheduleStatus ?? 'Pending') as ScheduleStatus,
      scheduleExpression: d.MonitoringScheduleConfig?.ScheduleConfig?.ScheduleExpression,
      failureReason: d.FailureReason,
      lastExecution: d.LastMonitoringExecutionSummary
        ? toExecution({ ...d.LastMonitoringExecutionSummary, MonitoringScheduleName: d.LastMonitoringExecutionSummary.MonitoringScheduleName ?? name }, monitorType)
        : undefined,
    };
  }

  /**
   * Executions of a schedule whose scheduled time lies in [from, to), newest first, following
   * NextToken up to `limit` items (and at most 20 pages, so one request stays bounded).
   */
  async executions(
    target: AwsTarget,
    scheduleName: string,
    range: { from: Date; to: Date },
    limit: number,
    status?: ExecutionStatus,
  ): Promise<MonitoringExecution[]> {
    const client = await this.clients.sageMaker(target);
    const items: MonitoringExecution[] = [];
    let NextToken: string | undefined;
    let pages = 0;
    do {
      const page = await client.send(
        new ListMonitoringExecutionsCommand({
          MonitoringScheduleName: scheduleName,
          ScheduledTimeAfter: range.from,
          ScheduledTimeBefore: range.to,
          SortBy: 'ScheduledTime',
          SortOrder: 'Descending',
          StatusEquals: status,
          MaxResults: Math.min(100, limit - items.length),
          NextToken,
        }),
        { abortSignal: this.clients.callSignal() },
      );
      for (const s of page.MonitoringExecutionSummaries ?? []) items.push(toExecution(s));
      NextToken = page.NextToken;
      pages++;
    } while (NextToken && items.length < limit && pages < MAX_EXECUTION_PAGES);
    return items.slice(0, limit);
  }

  /** The S3 prefix an execution wrote its reports to (its processing job's first output). */
  async reportUri(target: AwsTarget, processingJobArn: string): Promise<string | undefined> {
    const name = processingJobArn.split('/').pop();
    if (!name) return undefined;
    const client = await this.clients.sageMaker(target);
    const job = await client.send(new DescribeProcessingJobCommand({ ProcessingJobName: name }), {
      abortSignal: this.clients.callSignal(),
    });
    return job.ProcessingOutputConfig?.Outputs?.[0]?.S3Output?.S3Uri?.replace(/\/+$/, '');
  }

  /** The newest raw execution summary of a schedule at or before `windowEnd` (for report reads). */
  async executionAt(target: AwsTarget, scheduleName: string, windowEnd: Date): Promise<MonitoringExecutionSummary | undefined> {
    const client = await this.clients.sageMaker(target);
    const page = await client.send(
      new ListMonitoringExecutionsCommand({
        MonitoringScheduleName: scheduleName,
        ScheduledTimeAfter: new Date(windowEnd.getTime() - 1),
        ScheduledTimeBefore: new Date(windowEnd.getTime() + 1),
        SortBy: 'ScheduledTime',
        SortOrder: 'Descending',
        MaxResults: 1,
      }),
      { abortSignal: this.clients.callSignal() },
    );
    return page.MonitoringExecutionSummaries?.[0];
  }

  /** The risk rating of a model card (DescribeModelCard; the rating is in the Content JSON). */
  async riskRating(target: AwsTarget, modelCardName: string): Promise<ModelRiskRating> {
    const client = await this.clients.sageMaker(target);
    const card = await client.send(new DescribeModelCardCommand({ ModelCardName: modelCardName }), {
      abortSignal: this.clients.callSignal(),
    });
    return riskRatingOfContent(card.Content, modelCardName);
  }

  async dataCapture(target: AwsTarget, endpointName: string): Promise<DataCaptureInfo> {
    const client = await this.clients.sageMaker(target);
    const d = await client.send(new DescribeEndpointCommand({ EndpointName: endpointName }), {
      abortSignal: this.clients.callSignal(),
    });
    const capture = d.DataCaptureConfig;
    return {
      enabled: Boolean(capture?.EnableCapture),
      destinationS3Uri: capture?.DestinationS3Uri,
      samplingPercentage: capture?.CurrentSamplingPercentage,
      variants: (d.ProductionVariants ?? []).map(v => v.VariantName ?? '').filter(Boolean),
    };
  }
}

/**
 * The risk rating in a model card's Content (a JSON string). The 2023 schema puts it at
 * `intended_uses.risk_rating`; `model_risk_rating` is accepted too, as some tooling writes it.
 * A card without a rating, or with one outside High/Medium/Low/Unknown, is `Unknown`.
 */
export function riskRatingOfContent(content: string | undefined, cardName: string): ModelRiskRating {
  if (!content) return 'Unknown';
  let parsed: { intended_uses?: { risk_rating?: unknown; model_risk_rating?: unknown } };
  try {
    parsed = JSON.parse(content);
  } catch (error) {
    throw new Error(`Model card ${cardName}: Content is not valid JSON (${(error as Error).message})`);
  }
  const value = parsed.intended_uses?.risk_rating ?? parsed.intended_uses?.model_risk_rating;
  return (MODEL_RISK_RATINGS as readonly unknown[]).includes(value) ? (value as ModelRiskRating) : 'Unknown';
}
