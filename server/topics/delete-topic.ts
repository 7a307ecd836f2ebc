import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { isUnknownTopicError } from "@/lib/kafka/unknown-topic-error";
import type { deleteTopicInputSchema } from "@/lib/topics/topic-detail-schema";
import type { Cluster } from "@/prisma/generated/client";
import { kafkaRequestTimeoutMs } from "@/server/config";
import { adminFor } from "@/server/kafka/client-registry";
import { forgetTopicMetadata } from "@/server/kafka/topic-metadata-cache";
import { waitUntil } from "@/server/kafka/wait-until";
import { withAdminRecovery } from "@/server/kafka/with-admin-recovery";
import { withTimeout } from "@/server/kafka/with-timeout";
import { logger } from "@/server/log";
import { fetchTopicPartitions, refuseInternalTopic } from "./topic-metadata";

const DELETE_WAIT_MS = 10_000;

/**
 * Deletes a topic and its messages, once its name has been typed back; never an internal topic. Waits until
 * the topic is gone from the topic list, so the list the user returns to no longer shows it.
 */
export async function deleteTopic(cluster: Cluster, input: z.output<typeof deleteTopicInputSchema>): Promise<{ topic: string }> {
  const { topic, confirmName } = input;
  if (confirmName !== topic) {
    throw new AppError("VALIDATION", {
      userMessage: `Type the topic's name ("${topic}") to confirm`,
      fieldErrors: { confirmName: "Does not match the topic's name" },
    });
  }
  refuseInternalTopic(topic, "delete");
  return withTimeout(
    (async () => {
      const listed = async () => (await (await adminFor(cluster)).listTopics()).includes(topic);
      await fetchTopicPartitions(await adminFor(cluster), topic);
      // kafkajs asks for metadata before deleting (so a retry on a new admin happens before anything was sent)
      // and after: when that second ask fails, the topic is gone all the same.
      await withAdminRecovery(cluster, (a) => a.deleteTopics({ topics: [topic], timeout: 10_000 })).catch(async (e: unknown) => {
        if (isUnknownTopicError(e) && !(await listed())) return;
        throw e;
      });
      const gone = await waitUntil(async () => !(await listed()), DELETE_WAIT_MS);
      // After the wait: a list read meanwhile may have cached the topic as still there.
      forgetTopicMetadata(cluster.id);
      if (!gone) logger.warn("deleted topic still listed", { clusterId: cluster.id, topic });
      logger.info("topic deleted", { clusterId: cluster.id, topic });
      return { topic };
    })(),
    kafkaRequestTimeoutMs() + DELETE_WAIT_MS + 2000,
    `deleting ${topic}`,
  );
}
