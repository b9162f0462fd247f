import {
  DescribeModelBiasJobDefinitionCommand,
  DescribeModelExplainabilityJobDefinitionCommand,
  DescribeMonitoringScheduleCommand,
} from '@aws-sdk/client-sagemaker';
import type { MonitorType } from '@mlmon/plugin-model-monitoring-common';
import type { AwsClients, AwsTarget } from './AwsClients';

/** Where a Clarify schedule keeps its baseline and analysis configuration. */
export interface ClarifyJobDefinition {
  scheduleName: string;
  monitorType: MonitorType;
  jobDefinitionName?: string;
  /** The baseline analysis.json (ConstraintsResource.S3Uri), a file. */
  baselineUri?: string;
  /** analysis_config.json of the job (ModelBiasAppSpecification.ConfigUri), a file. */
  configUri?: string;
}

/**
 * Reads the job definition behind a ModelBias or ModelExplainability schedule
 * (DescribeMonitoringSchedule → DescribeModelBiasJobDefinition /
 * DescribeModelExplainabilityJobDefinition). Other monitor types answer without locations.
 */
export async function describeClarifyJob(clients: AwsClients, target: AwsTarget, scheduleName: string): Promise<ClarifyJobDefinition> {
  const client = await clients.sageMaker(target);
  const schedule = await client.send(new DescribeMonitoringScheduleCommand({ MonitoringScheduleName: scheduleName }), {
    abortSignal: clients.callSignal(),
  });
  const monitorType = (schedule.MonitoringType ?? schedule.MonitoringScheduleConfig?.MonitoringType ?? 'DataQuality') as MonitorType;
  const jobDefinitionName = schedule.MonitoringScheduleConfig?.MonitoringJobDefinitionName;
  const found: ClarifyJobDefinition = { scheduleName, monitorType, jobDefinitionName };
  if (!jobDefinitionName) return found;
  if (monitorType === 'ModelBias') {
    const job = await client.send(new DescribeModelBiasJobDefinitionCommand({ JobDefinitionName: jobDefinitionName }), {
      abortSignal: clients.callSignal(),
    });
    return { ...found, baselineUri: job.ModelBiasBaselineConfig?.ConstraintsResource?.S3Uri, configUri: job.ModelBiasAppSpecification?.ConfigUri };
  }
  if (monitorType === 'ModelExplainability') {
    const job = await client.send(new DescribeModelExplainabilityJobDefinitionCommand({ JobDefinitionName: jobDefinitionName }), {
      abortSignal: clients.callSignal(),
    });
    return {
      ...found,
      baselineUri: job.ModelExplainabilityBaselineConfig?.ConstraintsResource?.S3Uri,
      configUri: job.ModelExplainabilityAppSpecification?.ConfigUri,
    };
  }
  return found;
}
