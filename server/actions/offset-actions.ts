"use server";
// Offset reset for a consumer group (preview, then confirm), and deleting an inactive group. None of them runs
// on a read-only cluster.
import { confirmOffsetResetInputSchema, deleteGroupInputSchema, offsetResetInputSchema } from "@/lib/groups/group-schemas";
import { guardedAction } from "@/server/guard/guarded-action";
import { deleteConsumerGroup } from "@/server/groups/delete-group";
import { previewOffsetReset, resetGroupOffsets } from "@/server/groups/reset-group-offsets";

export const previewOffsetResetAction = guardedAction(
  { name: "previewOffsetReset", input: offsetResetInputSchema, permission: "offsets:write", clusterId: (i) => i.clusterId, mutatesCluster: true },
  async (input, { cluster }) => previewOffsetReset(cluster, input),
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
  async (input, { cluster }) => resetGroupOffsets(cluster, input),
);

export const deleteConsumerGroupAction = guardedAction(
  {
    name: "deleteConsumerGroup",
    // The group's id typed back (confirmName); only a group without members.
    input: deleteGroupInputSchema,
    permission: "groups:delete",
    clusterId: (i) => i.clusterId,
    mutatesCluster: true,
    audit: { action: "group.delete", target: (i) => i.groupId },
  },
  (input, { cluster }) => deleteConsumerGroup(cluster, input),
);
