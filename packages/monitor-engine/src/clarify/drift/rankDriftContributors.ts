/**
 * Which features to look at first when a data-quality or attribution drift check fires: each
 * feature's drift distance (e.g. the baseline_drift_check distance of statistics, or the change
 * of its attribution) weighted by how much the model relies on it (its share of the total
 * absolute global attribution). A large distance on a feature the model ignores matters less
 * than a moderate one on the model's main feature.
 *
 *   weight_f       = |attribution_f| / Σ |attribution|
 *   contribution_f = drift_f × weight_f
 *   share_f        = contribution_f / Σ contribution
 *
 * Features with a drift but no known attribution are listed after all weighted ones (by drift,
 * with attribution null), so nothing is hidden; features without a drift value are left out.
 */
export interface DriftContributor {
  feature: string;
  drift: number;
  /** The feature's global attribution as given, or null when unknown. */
  attribution: number | null;
  /** |attribution| / Σ|attribution|, 0 when unknown. */
  weight: number;
  contribution: number;
  /** Fraction of the total contribution (0 when nothing contributes). */
  share: number;
  rank: number;
}

/** Feature names in UTF-16 code-unit order, so ties rank the same on every locale. */
function compareCodeUnits(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

export function rankDriftContributors(input: {
  driftByFeature: Readonly<Record<string, number>>;
  attributionByFeature: Readonly<Record<string, number>>;
}): DriftContributor[] {
  const { driftByFeature, attributionByFeature } = input;
  const totalAttribution = Object.values(attributionByFeature).reduce(
    (s, a) => s + (Number.isFinite(a) ? Math.abs(a) : 0),
    0,
  );
  const rows = Object.entries(driftByFeature)
    .filter(([, drift]) => Number.isFinite(drift))
    .map(([feature, drift]) => {
      const known = Object.prototype.hasOwnProperty.call(attributionByFeature, feature) &&
        Number.isFinite(attributionByFeature[feature]);
      const attribution = known ? attributionByFeature[feature] : null;
      const weight = attribution !== null && totalAttribution > 0 ? Math.abs(attribution) / totalAttribution : 0;
      return { feature, drift, attribution, weight, contribution: Math.abs(drift) * weight };
    });
  const totalContribution = rows.reduce((s, r) => s + r.contribution, 0);
  return rows
    .sort(
      (x, y) =>
        Number(y.attribution !== null) - Number(x.attribution !== null) ||
        y.contribution - x.contribution ||
        Math.abs(y.drift) - Math.abs(x.drift) ||
        compareCodeUnits(x.feature, y.feature),
    )
    .map((r, i) => ({
      ...r,
      share: totalContribution > 0 ? r.contribution / totalContribution : 0,
      rank: i + 1,
    }));
}

/** Per-feature change of global attributions between baseline and window, as a drift input. */
export function attributionChangeByFeature(
  baseline: Readonly<Record<string, number>>,
  current: Readonly<Record<string, number>>,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const feature of new Set([...Object.keys(baseline), ...Object.keys(current)])) {
    out[feature] = Math.abs((current[feature] ?? 0) - (baseline[feature] ?? 0));
  }
  return out;
}
