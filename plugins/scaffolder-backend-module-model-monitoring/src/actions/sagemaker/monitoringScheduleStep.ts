import {
  CreateDataQualityJobDefinitionCommand,
  CreateModelBiasJobDefinitionCommand,
  CreateModelExplainabilityJobDefinitionCommand,
  CreateModelQualityJobDefinitionCommand,
  CreateMonitoringScheduleCommand,
  DescribeDataQualityJobDefinitionCommand,
  DescribeModelBiasJobDefinitionCommand,
  DescribeModelExplainabilityJobDefinitionCommand,
  DescribeModelQualityJobDefinitionCommand,
  DescribeMonitoringScheduleCommand,
  type CreateDataQualityJobDefinitionCommandInput,
  type CreateModelBiasJobDefinitionCommandInput,
  type CreateModelExplainabilityJobDefinitionCommandInput,
  type CreateModelQualityJobDefinitionCommandInput,
  type MonitoringType,
} from '@aws-sdk/client-sagemaker';
import { ConflictError } from '@backstage/errors';
import { awsCall, awsDescribe } from './awsErrors';
import { definitionFingerprint } from './jobDefinitions';
import type { StepContext } from './stepContext';

const STEP = 'Monitoring schedules';

export type ScheduleDefinition =
  | { type: 'DataQuality'; definition: CreateDataQualityJobDefinitionCommandInput }
  | { type: 'ModelQuality'; definition: CreateModelQualityJobDefinitionCommandInput }
  | { type: 'ModelBias'; definition: CreateModelBiasJobDefinitionCommandInput }
  | { type: 'ModelExplainability'; definition: CreateModelExplainabilityJobDefinitionCommandInput };

export interface ScheduleResult {
  scheduleName: string;
  jobDefinitionName: string;
  monitoringType: MonitoringType;
  /** Undefined in a dry run for a schedule that does not exist yet. */
  scheduleArn?: string;
  jobDefinitionArn?: string;
  created: boolean;
}

async function describeDefinition(ctx: StepContext, spec: ScheduleDefinition) {
  const JobDefinitionName = spec.definition.JobDefinitionName;
  const send = ctx.clients.sageMaker;
  switch (spec.type) {
    case 'DataQuality':
      return awsDescribe(STEP, 'DescribeDataQualityJobDefinition', () => send.send(new DescribeDataQualityJobDefinitionCommand({ JobDefinitionName })));
    case 'ModelQuality':
      return awsDescribe(STEP, 'DescribeModelQualityJobDefinition', () => send.send(new DescribeModelQualityJobDefinitionCommand({ JobDefinitionName })));
    case 'ModelBias':
      return awsDescribe(STEP, 'DescribeModelBiasJobDefinition', () => send.send(new DescribeModelBiasJobDefinitionCommand({ JobDefinitionName })));
    default:
      return awsDescribe(STEP, 'DescribeModelExplainabilityJobDefinition', () =>
        send.send(new DescribeModelExplainabilityJobDefinitionCommand({ JobDefinitionName })),
      );
  }
}

async function createDefinition(ctx: StepContext, spec: ScheduleDefinition): Promise<string | undefined> {
  const send = ctx.clients.sageMaker;
  switch (spec.type) {
    case 'DataQuality':
      return (await awsCall(STEP, 'CreateDataQualityJobDefinition', () => send.send(new CreateDataQualityJobDefinitionCommand(spec.definition)))).JobDefinitionArn;
    case 'ModelQuality':
      return (await awsCall(STEP, 'CreateModelQualityJobDefinition', () => send.send(new CreateModelQualityJobDefinitionCommand(spec.definition)))).JobDefinitionArn;
    case 'ModelBias':
      return (await awsCall(STEP, 'CreateModelBiasJobDefinition', () => send.send(new CreateModelBiasJobDefinitionCommand(spec.definition)))).JobDefinitionArn;
    default:
      return (await awsCall(STEP, 'CreateModelExplainabilityJobDefinition', () =>
        send.send(new CreateModelExplainabilityJobDefinitionCommand(spec.definition)),
      )).JobDefinitionArn;
  }
}

/**
 * Step 3, one monitor: its job definition and its schedule. Both are described first: the same
 * definition and schedule are reused; one under the same name that monitors something else is
 * a conflict (SageMaker cannot change a job definition), reported with what differs.
 */
export async function ensureMonitoringSchedule(
  ctx: StepContext,
  spec: ScheduleDefinition,
  scheduleName: string,
  scheduleExpression: string,
): Promise<ScheduleResult> {
  const definitionName = spec.definition.JobDefinitionName!;
  const result: ScheduleResult = { scheduleName, jobDefinitionName: definitionName, monitoringType: spec.type, created: false };

  const schedule = await awsDescribe(STEP, 'DescribeMonitoringSchedule', () =>
    ctx.clients.sageMaker.send(new DescribeMonitoringScheduleCommand({ MonitoringScheduleName: scheduleName })),
  );
  if (schedule) {
    const config = schedule.MonitoringScheduleConfig;
    const actual = {
      definition: config?.MonitoringJobDefinitionName,
      type: config?.MonitoringType ?? schedule.MonitoringType,
      cron: config?.ScheduleConfig?.ScheduleExpression,
      endpoint: schedule.EndpointName,
    };
    const wanted = { definition: definitionName, type: spec.type, cron: scheduleExpression, endpoint: endpointOf(spec) };
    const differs = (Object.keys(wanted) as Array<keyof typeof wanted>).filter(k => actual[k] !== wanted[k]);
    if (differs.length) {
      throw new ConflictError(
        `${STEP}: schedule ${scheduleName} exists with another ${differs.join(', ')} ` +
          `(${differs.map(k => `${actual[k] ?? 'none'} instead of ${wanted[k]}`).join('; ')}); delete it or give another namePrefix`,
      );
    }
    if (schedule.MonitoringScheduleStatus === 'Failed') {
      throw new ConflictError(`${STEP}: schedule ${scheduleName} exists but failed: ${schedule.FailureReason ?? 'no reason given'}; delete it and run the task again`);
    }
    if (schedule.MonitoringScheduleStatus === 'Stopped') {
      ctx.logger.warn(`Schedule ${scheduleName} exists but is stopped; start it in the SageMaker console to resume monitoring`);
    }
    result.scheduleArn = schedule.MonitoringScheduleArn;
  }

  const existing = await describeDefinition(ctx, spec);
  if (existing && definitionFingerprint(existing) !== definitionFingerprint(spec.definition)) {
    throw new ConflictError(
      `${STEP}: job definition ${definitionName} exists with another configuration (baseline, analysis config, reports location, role, image or instance type); ` +
        'job definitions cannot be changed: delete it (and its schedule) or give another namePrefix',
    );
  }
  result.jobDefinitionArn = existing?.JobDefinitionArn;

  if (ctx.dryRun) {
    ctx.logger.info(`Dry run: would ${existing ? 'reuse' : 'create'} ${spec.type} job definition ${definitionName} and ` +
      `${schedule ? 'reuse' : 'create'} schedule ${scheduleName} (${scheduleExpression})`);
    return result;
  }
  if (!existing) {
    result.jobDefinitionArn = await createDefinition(ctx, spec);
    ctx.logger.info(`Created ${spec.type} job definition ${definitionName}`);
  }
  if (!schedule) {
    const created = await awsCall(STEP, 'CreateMonitoringSchedule', () =>
      ctx.clients.sageMaker.send(
        new CreateMonitoringScheduleCommand({
          MonitoringScheduleName: scheduleName,
          MonitoringScheduleConfig: {
            ScheduleConfig: { ScheduleExpression: scheduleExpression },
            MonitoringJobDefinitionName: definitionName,
            MonitoringType: spec.type,
          },
        }),
      ),
    );
    result.scheduleArn = created.MonitoringScheduleArn;
    result.created = true;
    ctx.logger.info(`Created schedule ${scheduleName} (${scheduleExpression})`);
  } else {
    ctx.logger.info(`Schedule ${scheduleName} exists with the same definition; reusing it`);
  }
  return result;
}

function endpointOf(spec: ScheduleDefinition): string | undefined {
  switch (spec.type) {
    case 'DataQuality':
      return spec.definition.DataQualityJobInput?.EndpointInput?.EndpointName;
    case 'ModelQuality':
      return spec.definition.ModelQualityJobInput?.EndpointInput?.EndpointName;
    case 'ModelBias':
      return spec.definition.ModelBiasJobInput?.EndpointInput?.EndpointName;
    default:
      return spec.definition.ModelExplainabilityJobInput?.EndpointInput?.EndpointName;
  }
}
