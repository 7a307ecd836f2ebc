import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import type { deleteGroupInputSchema } from "@/lib/groups/group-schemas";
import type { Cluster } from "@/prisma/generated/client";
import { kafkaRequestTimeoutMs } from "@/server/config";
import { adminFor } from "@/server/kafka/client-registry";
import { withTimeout } from "@/server/kafka/with-timeout";
import { logger } from "@/server/log";

/**
 * Deletes a consumer group and its committed offsets, once its id has been typed back; only a group without
 * active members (Kafka refuses the others, and its consumers would simply recreate it).
 */
export async function deleteConsumerGroup(cluster: Cluster, input: z.output<typeof deleteGroupInputSchema>): Promise<{ groupId: string }> {
  if (input.confirmName !== input.groupId) {
    throw new AppError("VALIDATION", { userMessage: `Type the group's id ("${input.groupId}") to confirm`, fieldErrors: { confirmName: "Does not match the group's id" } });
  }
  return withTimeout(
    (async () => {
      const admin = await adminFor(cluster);
      const g = (await admin.describeGroups([input.groupId])).groups[0];
      if (!g || g.state === "Dead") throw new AppError("NOT_FOUND", { userMessage: `There is no consumer group "${input.groupId}" on this cluster.` });
      if (g.members.length > 0 || g.state !== "Empty") {
        throw new AppError("CONFLICT", {
          userMessage: `Group "${input.groupId}" is ${g.state} with ${g.members.length} active member${g.members.length === 1 ? "" : "s"}: stop its consumers first (Kafka deletes only groups without members).`,
        });
      }
      await admin.deleteGroups([input.groupId]);
      logger.info("consumer group deleted", { clusterId: cluster.id, groupId: input.groupId });
      return { groupId: input.groupId };
    })(),
    kafkaRequestTimeoutMs() + 2000,
    `deleting group ${input.groupId}`,
  );
}
