import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import type { createTopicInputSchema } from "@/lib/topics/create-topic-schema";
import { collidingTopic, topicCollisionMessage } from "@/lib/topics/topic-name";
import type { Cluster } from "@/prisma/generated/client";
import { kafkaRequestTimeoutMs } from "@/server/config";
import { adminFor } from "@/server/kafka/client-registry";
import { forgetTopicMetadata } from "@/server/kafka/topic-metadata-cache";
import { waitUntil } from "@/server/kafka/wait-until";
import { withAdminRecovery } from "@/server/kafka/with-admin-recovery";
import { withTimeout } from "@/server/kafka/with-timeout";
import { logger } from "@/server/log";
import { fetchTopicPartitions } from "./topic-metadata";

const CREATE_TIMEOUT_MS = 10_000;
const METADATA_WAIT_MS = 10_000;

function alreadyExists(name: string) {
  return new AppError("CONFLICT", { userMessage: `Topic "${name}" already exists`, fieldErrors: { name: "Already exists" } });
}

/** Creates a topic and waits until the cluster's metadata shows it with a leader for every partition. */
export async function createTopic(cluster: Cluster, input: z.output<typeof createTopicInputSchema>): Promise<{ name: string }> {
  return withTimeout(
    (async () => {
      const admin = () => adminFor(cluster);
      const existing = await (await admin()).listTopics();
      if (existing.includes(input.name)) throw alreadyExists(input.name);
      // What Kafka would refuse, refused here with a reason the user can act on (kafkajs drops Kafka's own text).
      const collision = collidingTopic(input.name, existing);
      if (collision) throw new AppError("VALIDATION", { userMessage: topicCollisionMessage(input.name, collision), fieldErrors: { name: `Collides with "${collision}"` } });
      const brokerCount = (await (await admin()).describeCluster()).brokers.length;
      if (input.replicationFactor > brokerCount) {
        const why = `Replication factor ${input.replicationFactor} needs at least ${input.replicationFactor} brokers; the cluster has ${brokerCount}`;
        throw new AppError("VALIDATION", { userMessage: why, fieldErrors: { replicationFactor: why } });
      }
      // kafkajs' own wait for leaders (waitForLeaders) gives up when the broker does not know the new topic yet,
      // which happens right after creation: wait here instead, with metadata for this topic only.
      const created = await withAdminRecovery(cluster, (a) =>
        a.createTopics({
          waitForLeaders: false,
          timeout: CREATE_TIMEOUT_MS,
          topics: [
            {
              topic: input.name,
              numPartitions: input.partitions,
              replicationFactor: input.replicationFactor,
              configEntries: Object.entries(input.configs).map(([name, value]) => ({ name, value })),
            },
          ],
        }),
      );
      // kafkajs answers false, without an error, when the topic exists: someone created it meanwhile.
      if (!created) throw alreadyExists(input.name);
      const ready = await waitUntil(async () => {
        const partitions = await fetchTopicPartitions(await admin(), input.name);
        return partitions.length === input.partitions && partitions.every((p) => p.leader >= 0);
      }, METADATA_WAIT_MS);
      forgetTopicMetadata(cluster.id);
      if (!ready) logger.warn("created topic not yet in metadata", { clusterId: cluster.id, topic: input.name });
      logger.info("topic created", { clusterId: cluster.id, topic: input.name, partitions: input.partitions });
      return { name: input.name };
    })(),
    kafkaRequestTimeoutMs() + CREATE_TIMEOUT_MS + METADATA_WAIT_MS + 2000,
    `creating ${input.name}`,
  );
}
