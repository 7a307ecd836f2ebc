import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import type { addPartitionsInputSchema } from "@/lib/topics/topic-detail-schema";
import type { Cluster } from "@/prisma/generated/client";
import { kafkaRequestTimeoutMs } from "@/server/config";
import { adminFor } from "@/server/kafka/client-registry";
import { forgetTopicMetadata } from "@/server/kafka/topic-metadata-cache";
import { waitUntil } from "@/server/kafka/wait-until";
import { withAdminRecovery } from "@/server/kafka/with-admin-recovery";
import { withTimeout } from "@/server/kafka/with-timeout";
import { logger } from "@/server/log";
import { fetchTopicPartitions, notFoundIfUnknown, refuseInternalTopic } from "./topic-metadata";

const METADATA_WAIT_MS = 10_000;

/**
 * Raises the topic's partition count to `partitions` and waits until the metadata shows every new partition
 * with a leader. Kafka cannot remove partitions, so a lower or equal count is refused before asking it.
 */
export interface AddPartitionsResult {
  topic: string;
  /** The partition count before, and now. */
  from: number;
  partitions: number;
}

export async function addPartitions(cluster: Cluster, input: z.output<typeof addPartitionsInputSchema>): Promise<AddPartitionsResult> {
  const { topic, partitions } = input;
  // Internal topics' partition counts are fixed by Kafka (more __consumer_offsets partitions would move groups).
  refuseInternalTopic(topic, "add partitions to");
  return withTimeout(
    (async () => {
      const admin = () => adminFor(cluster);
      const current = (await fetchTopicPartitions(await admin(), topic)).length;
      if (partitions < current) {
        throw new AppError("VALIDATION", {
          userMessage: `Kafka cannot remove partitions: "${topic}" has ${current}, so the new count must be more than ${current}.`,
          fieldErrors: { partitions: `More than ${current}` },
        });
      }
      if (partitions === current) {
        throw new AppError("VALIDATION", {
          userMessage: `"${topic}" already has ${current} partition${current === 1 ? "" : "s"}: choose more to add some.`,
          fieldErrors: { partitions: `More than ${current}` },
        });
      }
      // kafkajs asks for metadata first, so a retry on a new admin happens before anything was sent.
      await withAdminRecovery(cluster, (a) => a.createPartitions({ topicPartitions: [{ topic, count: partitions }] })).catch(notFoundIfUnknown(topic));
      // Done when the metadata shows a leader for every partition and the leaders answer for them (right after
      // the change a broker may still say NOT_LEADER_FOR_PARTITION).
      const visible = await waitUntil(async () => {
        const a = await admin();
        const now = await fetchTopicPartitions(a, topic);
        return now.length >= partitions && now.every((p) => p.leader >= 0) && (await a.fetchTopicOffsets(topic)).length >= partitions;
      }, METADATA_WAIT_MS);
      forgetTopicMetadata(cluster.id);
      if (!visible) logger.warn("new partitions not yet in metadata", { clusterId: cluster.id, topic, partitions });
      logger.info("partitions added", { clusterId: cluster.id, topic, from: current, to: partitions });
      return { topic, from: current, partitions };
    })(),
    kafkaRequestTimeoutMs() + METADATA_WAIT_MS + 2000,
    `adding partitions to ${topic}`,
  );
}
