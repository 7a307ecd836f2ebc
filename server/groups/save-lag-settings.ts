import "server-only";
import type { ClusterLagSettingsInput, GroupAllowedLagInput } from "@/lib/groups/group-schemas";
import type { LagSettingsView } from "@/lib/groups/group-views";
import { auditedTransaction } from "@/server/audit/audited-transaction";
import { logger } from "@/server/log";
import { rejudgeCluster } from "./lag-sampler";
import { lagOptionsFor, lagSettingsView } from "./lag-settings";

// Changing how a cluster's lag statuses are judged. The latest sample is judged again at once, so pages and the
// next alert evaluation see the new statuses without waiting for a sample.

async function rejudge(clusterId: string): Promise<LagSettingsView> {
  const options = await lagOptionsFor(clusterId);
  rejudgeCluster(clusterId, options);
  return lagSettingsView(options);
}

export async function saveClusterLagSettings(input: ClusterLagSettingsInput): Promise<LagSettingsView> {
  const { clusterId, allowedLag, minimumComplete } = input;
  await auditedTransaction((tx) =>
    tx.clusterLagSetting.upsert({ where: { clusterId }, create: { clusterId, allowedLag, minimumComplete }, update: { allowedLag, minimumComplete } }),
  );
  logger.info("lag settings changed", { clusterId, allowedLag, minimumComplete });
  return rejudge(clusterId);
}

export async function saveGroupAllowedLag(input: GroupAllowedLagInput): Promise<LagSettingsView> {
  const { clusterId, groupId, allowedLag } = input;
  const where = { clusterId_groupId: { clusterId, groupId } };
  await auditedTransaction(async (tx) => {
    if (allowedLag === null) await tx.groupLagSetting.deleteMany({ where: { clusterId, groupId } });
    else await tx.groupLagSetting.upsert({ where, create: { clusterId, groupId, allowedLag }, update: { allowedLag } });
  });
  logger.info("group allowed lag changed", { clusterId, groupId, allowedLag });
  return rejudge(clusterId);
}
