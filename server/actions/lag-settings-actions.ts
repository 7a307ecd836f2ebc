"use server";
// How lag statuses are judged on a cluster (allowed lag, minimum complete) and a group's own allowed lag. Stored in
// Topiary's database, not in Kafka, so a read-only cluster may still have them. Editors may change them: they
// decide what alert rules on statuses see.
import { clusterLagSettingsInputSchema, groupAllowedLagInputSchema } from "@/lib/groups/group-schemas";
import { guardedAction } from "@/server/guard/guarded-action";
import { saveClusterLagSettings, saveGroupAllowedLag } from "@/server/groups/save-lag-settings";

export const saveClusterLagSettingsAction = guardedAction(
  {
    name: "saveClusterLagSettings",
    input: clusterLagSettingsInputSchema,
    permission: "alerts:write",
    clusterId: (i) => i.clusterId,
    audit: { action: "lag-settings.update", target: (i) => `allowed lag ${i.allowedLag}, minimum complete ${i.minimumComplete}` },
  },
  async (input) => saveClusterLagSettings(input),
);

export const saveGroupAllowedLagAction = guardedAction(
  {
    name: "saveGroupAllowedLag",
    input: groupAllowedLagInputSchema,
    permission: "alerts:write",
    clusterId: (i) => i.clusterId,
    audit: { action: "lag-settings.group", target: (i) => `${i.groupId}: ${i.allowedLag === null ? "cluster's allowed lag" : `allowed lag ${i.allowedLag}`}` },
  },
  async (input) => saveGroupAllowedLag(input),
);
