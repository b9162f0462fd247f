/* REST API types: quickSight. See ./index.ts for the conventions every route shares. */

/**
 * GET /entities/:namespace/:kind/:name/dashboard-embed  (permission model-monitoring.dashboard.embed)
 * A one-time QuickSight embed URL (GenerateEmbedUrlForRegisteredUser with AllowedDomains).
 * Never cached. 404 when the entity has no mlmon.dev/quicksight-dashboard annotation.
 */
export interface DashboardEmbedResponse {
  embedUrl: string;
  dashboardId: string;
  /** When the URL stops working (QuickSight: 5 minutes to open it). */
  expiresAt: string;
}
