import { stringifyEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import Button, { ButtonProps } from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import type { modelMonitoringJobRunPermission } from '@mlmon/plugin-model-monitoring-common';

/** The plugin's action permissions all guard a catalog entity, hence one type. */
type EntityPermission = typeof modelMonitoringJobRunPermission;

/**
 * The message the backend gave for a failed request ("not allowed", "no such alert"); a
 * ResponseError's own message only names the HTTP status, which tells a user little.
 */
export function backendMessage(error: unknown): string {
  if (error instanceof ResponseError) {
    return error.body?.error?.message || error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * A button for an action guarded by a permission on the current entity. While the decision
 * loads, or when it is a no, the button is disabled and its tooltip says why, so a user is
 * not left clicking into a 403.
 */
export function PermittedButton(
  props: ButtonProps & { permission: EntityPermission; allowedTitle?: string },
) {
  const { permission, allowedTitle, disabled, ...buttonProps } = props;
  const { entity } = useEntity();
  const decision = usePermission({
    permission,
    resourceRef: stringifyEntityRef(entity),
  });
  let title = allowedTitle ?? '';
  if (decision.loading) {
    title = 'Checking your permissions…';
  } else if (!decision.allowed) {
    title = `You need the ${permission.name} permission on this model; ask its owners or your Backstage admins.`;
  }
  return (
    <Tooltip title={title}>
      {/* A disabled button fires no events; the span keeps the tooltip working. */}
      <span>
        <Button
          {...buttonProps}
          disabled={disabled || decision.loading || !decision.allowed}
        />
      </span>
    </Tooltip>
  );
}
