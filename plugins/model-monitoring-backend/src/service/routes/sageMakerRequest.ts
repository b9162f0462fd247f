import { NotFoundError } from '@backstage/errors';
import type { SageMakerSource } from '../../sagemaker/SageMakerSource';
import type { EntityRequest } from '../requestContext';

/**
 * The SageMaker source for a SageMaker entity, with the schedule names filled in from the
 * endpoint when the entity does not name them. Only called after the entity was loaded with
 * the caller's credentials.
 */
export async function sageMakerRequest(
  source: SageMakerSource | undefined,
  request: EntityRequest,
): Promise<{ source: SageMakerSource; request: EntityRequest }> {
  if (!source) {
    throw new NotFoundError(
      `${request.entityRef} is monitored by SageMaker, but the SageMaker source is not configured (modelMonitoring.sagemaker)`,
    );
  }
  const scheduleNames = await source.scheduleNames(request);
  return { source, request: { ...request, scheduleNames } };
}
