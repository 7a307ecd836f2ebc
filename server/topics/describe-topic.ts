import "server-only";
import type { Admin } from "kafkajs";
import { isInternalTopic } from "@/lib/clusters/cluster-overview";
import { classifyKafkaError } from "@/lib/kafka/classify-kafka-error";
import { isUnknownTopicError } from "@/lib/kafka/unknown-topic-error";
import { toConfigViews } from "@/lib/topics/topic-config-view";
import { messageCount, toPartitionViews, type TopicDetail } from "@/lib/topics/topic-detail";
import type { Cluster } from "@/prisma/generated/client";
import { kafkaRequestTimeoutMs } from "@/server/config";
import { adminFor } from "@/server/kafka/client-registry";
import { withAdminRecovery } from "@/server/kafka/with-admin-recovery";
import { withTimeout } from "@/server/kafka/with-timeout";
import { logger } from "@/server/log";
import { describeTopicConfigs, fetchTopicPartitions, notFoundIfUnknown } from "./topic-metadata";

type Offsets = { offsets: { partition: number; low: string; high: string }[]; error: string | null };

const OFFSETS_RETRY_MS = 500;

/**
 * The topic's start and end offsets. Right after partitions are added or leaders move, a broker may briefly
 * answer NOT_LEADER_FOR_PARTITION: one more try after a moment. If Kafka still cannot say (e.g. a partition
 * has no leader), the partitions are shown without offsets and the page says why, since that is when it
 * matters most. Only for Kafka's own answers: an unreachable cluster fails the whole read.
 */
async function readOffsets(admin: Admin, cluster: Cluster, topic: string): Promise<Offsets> {
  let last: unknown;
  for (let attempt = 0; attempt < 2; attempt++) {
    if (attempt) await new Promise((r) => setTimeout(r, OFFSETS_RETRY_MS));
    try {
      return { offsets: await admin.fetchTopicOffsets(topic), error: null };
    } catch (e) {
      const c = classifyKafkaError(e, cluster.bootstrapServers);
      if (isUnknownTopicError(e) || c.code !== "KAFKA_ERROR" || !String((e as Error)?.name).startsWith("KafkaJS")) throw e;
      last = e;
    }
  }
  logger.warn("topic offsets unavailable", { clusterId: cluster.id, topic, error: last });
  return { offsets: [], error: `Offsets unavailable: ${classifyKafkaError(last, cluster.bootstrapServers).userMessage}` };
}

/**
 * One topic: partitions (leader, replicas, in-sync and offline replicas, start and end offsets) and every
 * config with whether it is the topic's own override and what applies without it.
 */
export async function describeTopic(cluster: Cluster, topic: string): Promise<TopicDetail> {
  return withTimeout(
    (async () => {
      const partitions = await fetchTopicPartitions(await adminFor(cluster), topic);
      const { offsets, configs } = await withAdminRecovery(cluster, async (admin) => {
        const [configs, offsets] = await Promise.all([describeTopicConfigs(admin, topic), readOffsets(admin, cluster, topic)]);
        return { configs, offsets };
      }).catch(notFoundIfUnknown(topic));
      const views = toPartitionViews(partitions, offsets.offsets);
      return {
        name: topic,
        internal: isInternalTopic(topic),
        replicationFactor: partitions[0]?.replicas.length ?? 0,
        partitions: views,
        messages: messageCount(views),
        offsetsError: offsets.error,
        configs: toConfigViews(configs),
        fetchedAt: new Date().toISOString(),
      };
    })(),
    kafkaRequestTimeoutMs() + 2000,
    `reading topic ${topic}`,
  );
}
