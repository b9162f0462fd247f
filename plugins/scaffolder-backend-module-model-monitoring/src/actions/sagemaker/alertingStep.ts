import { PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { CreateTopicCommand, ListSubscriptionsByTopicCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { awsCall } from './awsErrors';
import type { StepContext } from './stepContext';

const STEP = 'Alerting';
/** Where the data-quality monitor publishes its metrics for a real-time endpoint (sagemaker-formats.md §5). */
export const DATA_QUALITY_NAMESPACE = 'aws/sagemaker/Endpoints/data-metrics';

export interface AlertingRequest {
  endpointName: string;
  scheduleName: string;
  topicName: string;
  email: string;
  features: string[];
  alarmName(feature: string): string;
  threshold: number;
  evaluationPeriods: number;
  datapointsToAlarm: number;
}

export interface AlertingResult {
  topicArn?: string;
  subscribed: boolean;
  alarmNames: string[];
}

async function isSubscribed(ctx: StepContext, topicArn: string, email: string): Promise<boolean> {
  let nextToken: string | undefined;
  do {
    const command = new ListSubscriptionsByTopicCommand({ TopicArn: topicArn, NextToken: nextToken });
    const page = await awsCall(STEP, 'ListSubscriptionsByTopic', () => ctx.clients.sns.send(command));
    // A pending confirmation is listed too (SubscriptionArn "PendingConfirmation"): subscribing
    // again would only send the confirmation mail again.
    if (page.Subscriptions?.some(s => s.Protocol === 'email' && s.Endpoint?.toLowerCase() === email.toLowerCase())) {
      return true;
    }
    nextToken = page.NextToken;
  } while (nextToken);
  return false;
}

/**
 * Step 5: an SNS topic with the owner's e-mail subscribed, and one CloudWatch alarm per listed
 * feature on the data-quality monitor's drift metric `feature_baseline_drift_{feature}`.
 * CreateTopic returns the existing topic of the same name (no tags or attributes are passed:
 * with others than the topic's, it would fail), the e-mail is only subscribed when
 * ListSubscriptionsByTopic does not show it, and PutMetricAlarm replaces an alarm of the same
 * name: a second run changes nothing.
 */
export async function ensureAlerting(ctx: StepContext, request: AlertingRequest): Promise<AlertingResult> {
  const alarmNames = request.features.map(f => request.alarmName(f));
  if (ctx.dryRun) {
    const alarms = alarmNames.length ? ` and put alarms ${alarmNames.join(', ')}` : '';
    ctx.logger.info(`Dry run: would create or reuse SNS topic ${request.topicName}, subscribe ${request.email}${alarms}`);
    return { subscribed: false, alarmNames };
  }
  const { TopicArn } = await awsCall(STEP, 'CreateTopic', () =>
    ctx.clients.sns.send(new CreateTopicCommand({ Name: request.topicName })),
  );
  const topicArn = TopicArn!;
  let subscribed = false;
  if (await isSubscribed(ctx, topicArn, request.email)) {
    ctx.logger.info(`${request.email} is subscribed to ${topicArn} already`);
  } else {
    await awsCall(STEP, 'Subscribe', () =>
      ctx.clients.sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'email', Endpoint: request.email })),
    );
    subscribed = true;
    ctx.logger.info(`Subscribed ${request.email} to ${topicArn}; AWS sends a confirmation mail to accept`);
  }
  for (const feature of request.features) {
    await awsCall(STEP, `PutMetricAlarm ${request.alarmName(feature)}`, () =>
      ctx.clients.cloudWatch.send(
        new PutMetricAlarmCommand({
          AlarmName: request.alarmName(feature),
          AlarmDescription: `Baseline drift of feature ${feature} on endpoint ${request.endpointName} (schedule ${request.scheduleName})`,
          Namespace: DATA_QUALITY_NAMESPACE,
          MetricName: `feature_baseline_drift_${feature}`,
          Dimensions: [
            { Name: 'Endpoint', Value: request.endpointName },
            { Name: 'MonitoringSchedule', Value: request.scheduleName },
          ],
          Statistic: 'Maximum',
          // One execution per hour publishes one datapoint.
          Period: 3600,
          EvaluationPeriods: request.evaluationPeriods,
          DatapointsToAlarm: request.datapointsToAlarm,
          Threshold: request.threshold,
          ComparisonOperator: 'GreaterThanThreshold',
          // No execution in an hour (no traffic) is not drift.
          TreatMissingData: 'notBreaching',
          AlarmActions: [topicArn],
          OKActions: [topicArn],
        }),
      ),
    );
  }
  if (alarmNames.length) ctx.logger.info(`Put alarms ${alarmNames.join(', ')}`);
  return { topicArn, subscribed, alarmNames };
}
