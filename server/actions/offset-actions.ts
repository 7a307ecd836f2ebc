"use server";
// Offset reset for a consumer group: preview, then confirm. Both change nothing on a read-only cluster.
import { confirmOffsetResetInputSchema, offsetResetInputSchema } from "@/lib/lag/group-schemas";
import { guardedAction } from "@/server/guard/guarded-action";
import { previewOffsetReset, resetGroupOffsets } from "@/server/lag/reset-group-offsets";

export const previewOffsetResetAction = guardedAction(
  { name: "previewOffsetReset", input: offsetResetInputSchema, permission: "offsets:write", clusterId: (i) => i.clusterId, mutatesCluster: true },
  async (input, { cluster }) => previewOffsetReset(cluster!, input),
);

export const resetGroupOffsetsAction = guardedAction(
  {
    name: "resetGroupOffsets",
    input: confirmOffsetResetInputSchema,
    permission: "offsets:write",
    clusterId: (i) => i.clusterId,
    mutatesCluster: true,
    audit: { action: "offsets.reset", target: (i) => `${i.groupId} on ${i.topic}` },
  },
  async (input, { cluster }) => resetGroupOffsets(cluster!, input),
);
