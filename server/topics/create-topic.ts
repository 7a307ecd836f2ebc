import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import type { createTopicInputSchema } from "@/lib/topics/create-topic-schema";
import type { Cluster } from "@/prisma/generated/client";
import { toConnection } from "@/server/clusters/cluster-view";
import { getAdmin } from "@/server/kafka/client-registry";
import { logger } from "@/server/log";

/** Creates a topic and waits until the cluster's metadata shows it. */
export async function createTopic(cluster: Cluster, input: z.output<typeof createTopicInputSchema>): Promise<{ name: string }> {
  const admin = await getAdmin(cluster.id, toConnection(cluster));
  const existing = await admin.listTopics();
  if (existing.includes(input.name)) {
    throw new AppError("CONFLICT", { userMessage: `Topic "${input.name}" already exists`, fieldErrors: { name: "Already exists" } });
  }
  await admin.createTopics({
    waitForLeaders: true,
    timeout: 10_000,
    topics: [
      {
        topic: input.name,
        numPartitions: input.partitions,
        replicationFactor: input.replicationFactor,
        configEntries: Object.entries(input.configs).map(([name, value]) => ({ name, value })),
      },
    ],
  });
  logger.info("topic created", { clusterId: cluster.id, topic: input.name, partitions: input.partitions });
  return { name: input.name };
}
