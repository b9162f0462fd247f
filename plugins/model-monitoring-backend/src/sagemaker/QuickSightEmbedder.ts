import { GenerateEmbedUrlForRegisteredUserCommand } from '@aws-sdk/client-quicksight';
import { NotAllowedError } from '@backstage/errors';
import type { DashboardEmbedResponse } from '@mlmon/plugin-model-monitoring-common';
import type { SageMakerSettings } from '../config/sagemakerConfig';
import type { AwsClients } from './AwsClients';

/**
 * One-time QuickSight embed URLs for registered users. The Backstage user is mapped to a
 * QuickSight user by config (never taken from the request), so QuickSight's own row-level and
 * dashboard permissions still apply to the person looking.
 */
export class QuickSightEmbedder {
  constructor(
    private readonly clients: AwsClients,
    private readonly settings: NonNullable<SageMakerSettings['quickSight']>,
  ) {}

  userArn(userEntityRef: string | undefined): string {
    const name = (userEntityRef && this.settings.users[userEntityRef]) ?? this.settings.defaultUser;
    if (!name) {
      throw new NotAllowedError(`No QuickSight user is mapped to ${userEntityRef ?? 'this caller'} (modelMonitoring.sagemaker.quickSight.users)`);
    }
    const { region, accountId, namespace } = this.settings;
    return `arn:aws:quicksight:${region}:${accountId}:user/${namespace}/${name}`;
  }

  async embed(dashboardId: string, userEntityRef: string | undefined, now = new Date()): Promise<DashboardEmbedResponse> {
    const client = await this.clients.quickSight({ accountId: this.settings.accountId, region: this.settings.region });
    const response = await client.send(
      new GenerateEmbedUrlForRegisteredUserCommand({
        AwsAccountId: this.settings.accountId,
        UserArn: this.userArn(userEntityRef),
        SessionLifetimeInMinutes: this.settings.sessionLifetimeMinutes,
        AllowedDomains: this.settings.allowedDomains,
        ExperienceConfiguration: { Dashboard: { InitialDashboardId: dashboardId } },
      }),
      { abortSignal: this.clients.callSignal() },
    );
    if (!response.EmbedUrl) throw new Error(`QuickSight returned no embed URL for dashboard ${dashboardId}`);
    return {
      embedUrl: response.EmbedUrl,
      dashboardId,
      // The URL itself must be opened within 5 minutes; the session then lasts its lifetime.
      expiresAt: new Date(now.getTime() + 5 * 60_000).toISOString(),
    };
  }
}
