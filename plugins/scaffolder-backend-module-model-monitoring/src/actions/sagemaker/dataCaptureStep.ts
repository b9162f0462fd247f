import {
  CreateEndpointConfigCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  UpdateEndpointCommand,
  type DataCaptureConfig,
  type DescribeEndpointCommandOutput,
} from '@aws-sdk/client-sagemaker';
import { ConflictError, InputError } from '@backstage/errors';
import { awsCall, awsDescribe } from './awsErrors';
import { captureEndpointConfigName } from './onboardingNames';
import { waitFor, type StepContext } from './stepContext';

const STEP = 'Data capture';
const TRANSITIONAL = new Set(['Creating', 'Updating', 'SystemUpdating', 'RollingBack', 'UpdateRollbackFailed']);

export interface DataCaptureRequest {
  endpointName: string;
  enable?: boolean;
  destinationS3Uri?: string;
  samplingPercentage?: number;
  waitMs: number;
}

export interface DataCaptureResult {
  destinationS3Uri?: string;
  samplingPercentage?: number;
  /** The endpoint config with capture: the current one, or the one created (or to be created in a dry run). */
  endpointConfigName: string;
  /** True when this run created the capture config or updated the endpoint (or would, in a dry run). */
  changed: boolean;
}

async function describeEndpoint(ctx: StepContext, endpointName: string) {
  return awsDescribe(STEP, 'DescribeEndpoint', () =>
    ctx.clients.sageMaker.send(new DescribeEndpointCommand({ EndpointName: endpointName })),
  );
}

/** Waits while the endpoint is being created or updated; fails when it is unusable. */
async function endpointInService(ctx: StepContext, endpointName: string, waitMs: number): Promise<DescribeEndpointCommandOutput> {
  return waitFor(`Endpoint ${endpointName}`, waitMs, ctx.pollMs, async () => {
    const endpoint = await describeEndpoint(ctx, endpointName);
    if (!endpoint) {
      throw new InputError(`endpointArn: endpoint ${endpointName} does not exist in this account and region`);
    }
    const status = endpoint.EndpointStatus ?? 'Unknown';
    if (status === 'InService') return { done: true, status, value: endpoint };
    if (!TRANSITIONAL.has(status) || ctx.dryRun) {
      if (ctx.dryRun && TRANSITIONAL.has(status)) {
        ctx.logger.warn(`Dry run: endpoint ${endpointName} is ${status}; the run waits for it`);
        return { done: true, status, value: endpoint };
      }
      throw new Error(`${STEP}: endpoint ${endpointName} is ${status}${endpoint.FailureReason ? ` (${endpoint.FailureReason})` : ''}; it must be InService`);
    }
    ctx.logger.info(`Endpoint ${endpointName} is ${status}; waiting for InService`);
    return { done: false, status, value: endpoint };
  });
}

function sameCapture(actual: DataCaptureConfig | undefined, wanted: DataCaptureConfig): boolean {
  return Boolean(
    actual?.EnableCapture &&
      actual.DestinationS3Uri?.replace(/\/+$/, '') === wanted.DestinationS3Uri?.replace(/\/+$/, '') &&
      actual.InitialSamplingPercentage === wanted.InitialSamplingPercentage,
  );
}

/**
 * Step 1: makes sure the endpoint captures its traffic. An endpoint that captures already is
 * left as it is. Otherwise, with `enable`, a copy of its endpoint config with data capture is
 * created (named from the source config and the capture settings, so a retry reuses it) and the
 * endpoint is updated to it; the step then waits for the endpoint to be InService again.
 */
export async function ensureDataCapture(ctx: StepContext, request: DataCaptureRequest): Promise<DataCaptureResult> {
  const { endpointName } = request;
  const endpoint = await endpointInService(ctx, endpointName, request.waitMs);
  const current = endpoint.DataCaptureConfig;
  if (current?.EnableCapture) {
    if (request.destinationS3Uri && current.DestinationS3Uri?.replace(/\/+$/, '') !== request.destinationS3Uri.replace(/\/+$/, '')) {
      ctx.logger.warn(`Endpoint ${endpointName} captures to ${current.DestinationS3Uri} already; keeping that (not ${request.destinationS3Uri})`);
    }
    ctx.logger.info(`Endpoint ${endpointName} captures ${current.CurrentSamplingPercentage ?? '?'}% of its traffic to ${current.DestinationS3Uri}`);
    return {
      destinationS3Uri: current.DestinationS3Uri,
      samplingPercentage: current.CurrentSamplingPercentage,
      endpointConfigName: endpoint.EndpointConfigName!,
      changed: false,
    };
  }
  if (!request.enable) {
    throw new InputError(
      `dataCapture.enable: endpoint ${endpointName} does not capture its traffic, which monitoring needs; ` +
        'set dataCapture.enable to turn capture on (this updates the endpoint)',
    );
  }
  if (!request.destinationS3Uri) {
    throw new InputError('dataCapture.destinationS3Uri: required to turn data capture on');
  }
  const sourceName = endpoint.EndpointConfigName!;
  const capture: DataCaptureConfig = {
    EnableCapture: true,
    InitialSamplingPercentage: request.samplingPercentage ?? 100,
    DestinationS3Uri: request.destinationS3Uri,
    CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }],
  };
  const configName = captureEndpointConfigName(endpointName, sourceName, capture);
  const existing = await awsDescribe(STEP, 'DescribeEndpointConfig', () =>
    ctx.clients.sageMaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: configName })),
  );
  if (existing && !sameCapture(existing.DataCaptureConfig, capture)) {
    throw new ConflictError(`${STEP}: endpoint config ${configName} exists with other capture settings; delete it or change the capture settings`);
  }
  if (ctx.dryRun) {
    ctx.logger.info(`Dry run: would ${existing ? 'reuse' : 'create'} endpoint config ${configName} (a copy of ${sourceName} ` +
      `capturing ${capture.InitialSamplingPercentage}% to ${capture.DestinationS3Uri}) and update endpoint ${endpointName} to it`);
    return { destinationS3Uri: capture.DestinationS3Uri, samplingPercentage: capture.InitialSamplingPercentage, endpointConfigName: configName, changed: true };
  }
  if (existing) {
    ctx.logger.info(`Reusing endpoint config ${configName} created by an earlier attempt`);
  } else {
    const source = await awsCall(STEP, 'DescribeEndpointConfig', () =>
      ctx.clients.sageMaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: sourceName })),
    );
    await awsCall(STEP, 'CreateEndpointConfig', () =>
      ctx.clients.sageMaker.send(
        new CreateEndpointConfigCommand({
          EndpointConfigName: configName,
          ProductionVariants: source.ProductionVariants,
          ShadowProductionVariants: source.ShadowProductionVariants,
          KmsKeyId: source.KmsKeyId,
          AsyncInferenceConfig: source.AsyncInferenceConfig,
          ExplainerConfig: source.ExplainerConfig,
          ExecutionRoleArn: source.ExecutionRoleArn,
          VpcConfig: source.VpcConfig,
          EnableNetworkIsolation: source.EnableNetworkIsolation,
          DataCaptureConfig: capture,
        }),
      ),
    );
    ctx.logger.info(`Created endpoint config ${configName}: ${sourceName} with data capture to ${capture.DestinationS3Uri}`);
  }
  await awsCall(STEP, 'UpdateEndpoint', () =>
    ctx.clients.sageMaker.send(new UpdateEndpointCommand({ EndpointName: endpointName, EndpointConfigName: configName })),
  );
  ctx.logger.info(`Updating endpoint ${endpointName} to ${configName}; waiting for InService`);
  const updated = await endpointInService(ctx, endpointName, request.waitMs);
  if (!updated.DataCaptureConfig?.EnableCapture) {
    throw new Error(`${STEP}: endpoint ${endpointName} is InService but does not capture; check its events in the SageMaker console`);
  }
  return {
    destinationS3Uri: updated.DataCaptureConfig.DestinationS3Uri,
    samplingPercentage: updated.DataCaptureConfig.CurrentSamplingPercentage,
    endpointConfigName: configName,
    changed: true,
  };
}
