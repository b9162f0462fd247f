import {
  DescribeDataQualityJobDefinitionCommand,
  DescribeModelQualityJobDefinitionCommand,
  DescribeMonitoringScheduleCommand,
} from '@aws-sdk/client-sagemaker';
import type { ProblemType } from '@mlmon/plugin-model-monitoring-common';
import type { AwsClients, AwsTarget } from './AwsClients';

/** Where a data- or model-quality schedule keeps its baseline, and what it monitors. */
export interface QualityJobDefinition {
  scheduleName: string;
  jobDefinitionName?: string;
  /** Model quality: ModelQualityAppSpecification.ProblemType. */
  problemType?: ProblemType;
  /** The baseline constraints.json (ConstraintsResource.S3Uri), a file. */
  constraintsUri?: string;
  /** Data quality: the baseline statistics.json (StatisticsResource.S3Uri), a file. */
  statisticsUri?: string;
}

const PROBLEM_TYPES: readonly string[] = ['BinaryClassification', 'MulticlassClassification', 'Regression'];

/**
 * Reads the job definition behind a DataQuality or ModelQuality schedule
 * (DescribeMonitoringSchedule → DescribeDataQualityJobDefinition /
 * DescribeModelQualityJobDefinition). A schedule created before job definitions existed carries
 * its definition inline (MonitoringScheduleConfig.MonitoringJobDefinition): its baseline is read
 * from there.
 */
export async function describeQualityJob(clients: AwsClients, target: AwsTarget, scheduleName: string): Promise<QualityJobDefinition> {
  const client = await clients.sageMaker(target);
  const schedule = await client.send(new DescribeMonitoringScheduleCommand({ MonitoringScheduleName: scheduleName }), {
    abortSignal: clients.callSignal(),
  });
  const config = schedule.MonitoringScheduleConfig;
  const monitorType = schedule.MonitoringType ?? config?.MonitoringType ?? 'DataQuality';
  const jobDefinitionName = config?.MonitoringJobDefinitionName;
  if (!jobDefinitionName) {
    const inline = config?.MonitoringJobDefinition?.BaselineConfig;
    return { scheduleName, constraintsUri: inline?.ConstraintsResource?.S3Uri, statisticsUri: inline?.StatisticsResource?.S3Uri };
  }
  if (monitorType === 'ModelQuality') {
    const job = await client.send(new DescribeModelQualityJobDefinitionCommand({ JobDefinitionName: jobDefinitionName }), {
      abortSignal: clients.callSignal(),
    });
    const problemType = job.ModelQualityAppSpecification?.ProblemType;
    return {
      scheduleName,
      jobDefinitionName,
      problemType: problemType && PROBLEM_TYPES.includes(problemType) ? (problemType as ProblemType) : undefined,
      constraintsUri: job.ModelQualityBaselineConfig?.ConstraintsResource?.S3Uri,
    };
  }
  if (monitorType === 'DataQuality') {
    const job = await client.send(new DescribeDataQualityJobDefinitionCommand({ JobDefinitionName: jobDefinitionName }), {
      abortSignal: clients.callSignal(),
    });
    return {
      scheduleName,
      jobDefinitionName,
      constraintsUri: job.DataQualityBaselineConfig?.ConstraintsResource?.S3Uri,
      statisticsUri: job.DataQualityBaselineConfig?.StatisticsResource?.S3Uri,
    };
  }
  return { scheduleName, jobDefinitionName };
}
