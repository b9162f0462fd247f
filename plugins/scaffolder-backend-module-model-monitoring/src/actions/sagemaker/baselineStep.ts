import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { CreateProcessingJobCommand, DescribeProcessingJobCommand, type ProcessingInstanceType } from '@aws-sdk/client-sagemaker';
import { ConflictError, InputError } from '@backstage/errors';
import { awsCall, awsDescribe } from './awsErrors';
import { baselineJobName } from './onboardingNames';
import { waitFor, type StepContext } from './stepContext';

const STEP = 'Baseline';
const INPUT_PATH = '/opt/ml/processing/input/baseline_dataset_input';
const OUTPUT_PATH = '/opt/ml/processing/output';

/** The analyzer's `dataset_format` environment values, as the SageMaker Python SDK's DatasetFormat writes them. */
const DATASET_FORMATS = {
  csv: { csv: { header: true, output_columns_position: 'START' } },
  'csv-no-header': { csv: { header: false, output_columns_position: 'START' } },
  jsonl: { json: { lines: true } },
} as const;

export interface BaselineResult {
  statisticsS3Uri: string;
  constraintsS3Uri: string;
  /** The baselining job, when the baseline is computed. */
  processingJobName?: string;
}

function files(prefix: string) {
  const base = prefix.replace(/\/+$/, '');
  return { statisticsS3Uri: `${base}/statistics.json`, constraintsS3Uri: `${base}/constraints.json` };
}

function splitS3(uri: string) {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri)!;
  return { Bucket: match[1], Key: match[2] };
}

/** An existing baseline: both files must be there (HeadObject, a read-only call, also in a dry run). */
export async function checkExistingBaseline(ctx: StepContext, s3Uri: string): Promise<BaselineResult> {
  const result = files(s3Uri);
  for (const uri of [result.statisticsS3Uri, result.constraintsS3Uri]) {
    const head = await awsDescribe(STEP, `HeadObject ${uri}`, () => ctx.clients.s3.send(new HeadObjectCommand(splitS3(uri))));
    if (!head) {
      throw new InputError(`baseline.s3Uri: ${uri} does not exist; a baseline prefix holds statistics.json and constraints.json`);
    }
  }
  ctx.logger.info(`Using the baseline in ${s3Uri}`);
  return result;
}

export interface BaselineJobRequest {
  endpointName: string;
  datasetS3Uri: string;
  datasetFormat: keyof typeof DATASET_FORMATS;
  outputS3Uri: string;
  roleArn: string;
  imageUri: string;
  instanceType: string;
  waitMs: number;
}

/**
 * A baseline computed by SageMaker's analyzer in a processing job, as the SDK's
 * `DefaultModelMonitor.suggest_baseline` runs it. The job name is derived from the endpoint and
 * the job's inputs: a retry finds the job of an earlier attempt (DescribeProcessingJob) and
 * waits for it instead of starting another.
 */
export async function computeBaseline(ctx: StepContext, request: BaselineJobRequest): Promise<BaselineResult> {
  const settings = {
    dataset: request.datasetS3Uri,
    format: request.datasetFormat,
    output: request.outputS3Uri,
    image: request.imageUri,
    instanceType: request.instanceType,
    role: request.roleArn,
  };
  const jobName = baselineJobName(request.endpointName, settings);
  const result = { ...files(request.outputS3Uri), processingJobName: jobName };
  const describe = () =>
    awsDescribe(STEP, 'DescribeProcessingJob', () =>
      ctx.clients.sageMaker.send(new DescribeProcessingJobCommand({ ProcessingJobName: jobName })),
    );
  const existing = await describe();
  if (existing?.ProcessingJobStatus === 'Failed' || existing?.ProcessingJobStatus === 'Stopped') {
    throw new ConflictError(
      `${STEP}: baselining job ${jobName} ${existing.ProcessingJobStatus.toLowerCase()}: ${existing.FailureReason ?? existing.ExitMessage ?? 'no reason given'}; ` +
        'fix the data set and give a new baseline.outputS3Uri (a new job name)',
    );
  }
  if (ctx.dryRun) {
    ctx.logger.info(existing
      ? `Dry run: would use baselining job ${jobName} (${existing.ProcessingJobStatus})`
      : `Dry run: would run baselining job ${jobName} over ${request.datasetS3Uri} writing to ${request.outputS3Uri}`);
    return result;
  }
  if (!existing) {
    await awsCall(STEP, 'CreateProcessingJob', () =>
      ctx.clients.sageMaker.send(
        new CreateProcessingJobCommand({
          ProcessingJobName: jobName,
          RoleArn: request.roleArn,
          AppSpecification: { ImageUri: request.imageUri },
          ProcessingInputs: [
            {
              InputName: 'baseline_dataset_input',
              S3Input: {
                S3Uri: request.datasetS3Uri,
                LocalPath: INPUT_PATH,
                S3DataType: 'S3Prefix',
                S3InputMode: 'File',
                S3DataDistributionType: 'FullyReplicated',
              },
            },
          ],
          ProcessingOutputConfig: {
            Outputs: [
              { OutputName: 'monitoring_output', S3Output: { S3Uri: request.outputS3Uri, LocalPath: OUTPUT_PATH, S3UploadMode: 'EndOfJob' } },
            ],
          },
          ProcessingResources: { ClusterConfig: { InstanceCount: 1, InstanceType: request.instanceType as ProcessingInstanceType, VolumeSizeInGB: 20 } },
          StoppingCondition: { MaxRuntimeInSeconds: 3600 },
          Environment: {
            dataset_format: JSON.stringify(DATASET_FORMATS[request.datasetFormat]),
            dataset_source: INPUT_PATH,
            output_path: OUTPUT_PATH,
            publish_cloudwatch_metrics: 'Disabled',
          },
        }),
      ),
    );
    ctx.logger.info(`Started baselining job ${jobName} over ${request.datasetS3Uri}`);
  } else {
    ctx.logger.info(`Baselining job ${jobName} exists (${existing.ProcessingJobStatus})`);
  }
  await waitFor(`Baselining job ${jobName}`, request.waitMs, ctx.pollMs, async () => {
    const job = await describe();
    const status = job?.ProcessingJobStatus ?? 'Unknown';
    if (status === 'Completed') return { done: true, status, value: job };
    if (status === 'Failed' || status === 'Stopped') {
      throw new Error(`${STEP}: baselining job ${jobName} ${status.toLowerCase()}: ${job?.FailureReason ?? job?.ExitMessage ?? 'no reason given'}`);
    }
    return { done: false, status, value: job };
  });
  ctx.logger.info(`Baseline written to ${request.outputS3Uri}`);
  return result;
}
