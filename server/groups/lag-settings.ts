import "server-only";
import type { LagSettingsView } from "@/lib/groups/group-views";
import { DEFAULT_LAG_OPTIONS, type LagOptions } from "@/lib/groups/lag-window";
import { lagSampleIntervalMs, lagWindowSize } from "@/server/config";
import { prisma } from "@/server/db/prisma";

// How a cluster's lag statuses are judged: the allowed lag (per cluster, overridable per group) and the minimum
// complete share, stored in the database; the window size comes from the environment. The sampler reads them at
// every sample; a change (save-lag-settings.ts) re-judges the latest sample at once.

/** The options for the cluster's next verdicts. */
export async function lagOptionsFor(clusterId: string): Promise<LagOptions> {
  const [cluster, groups] = await Promise.all([
    prisma.clusterLagSetting.findUnique({ where: { clusterId } }),
    prisma.groupLagSetting.findMany({ where: { clusterId }, select: { groupId: true, allowedLag: true } }),
  ]);
  return {
    ...DEFAULT_LAG_OPTIONS,
    windowSize: lagWindowSize(),
    allowedLag: cluster?.allowedLag ?? DEFAULT_LAG_OPTIONS.allowedLag,
    minimumComplete: cluster?.minimumComplete ?? DEFAULT_LAG_OPTIONS.minimumComplete,
    allowedLagByGroup: Object.fromEntries(groups.map((g) => [g.groupId, g.allowedLag])),
  };
}

/** The settings as the pages show them. */
export function lagSettingsView(options: LagOptions): LagSettingsView {
  return {
    allowedLag: options.allowedLag,
    minimumComplete: options.minimumComplete,
    windowSize: options.windowSize,
    minimumSamples: options.minimumSamples,
    intervalMs: lagSampleIntervalMs() || 15_000,
    groupOverrides: Object.entries(options.allowedLagByGroup)
      .map(([groupId, allowedLag]) => ({ groupId, allowedLag }))
      .sort((a, b) => a.groupId.localeCompare(b.groupId)),
  };
}
