import "server-only";
import type { Admin } from "kafkajs";
import { mapLimit } from "@/lib/async/map-limit";
import { classifyKafkaError } from "@/lib/kafka/classify-kafka-error";
import { groupLag, type TopicConsumerGroup, type TopicConsumerGroups } from "@/lib/topics/consumer-lag";
import type { Cluster } from "@/prisma/generated/client";
import { kafkaRequestTimeoutMs } from "@/server/config";
import { adminFor } from "@/server/kafka/client-registry";
import { withAdminRecovery } from "@/server/kafka/with-admin-recovery";
import { withTimeout } from "@/server/kafka/with-timeout";
import { fetchTopicPartitions, notFoundIfUnknown } from "./topic-metadata";

// One OffsetFetch per consumer group; a cluster may have hundreds of groups, so a few at a time.
const GROUP_CONCURRENCY = 8;

type GroupState = { state: string; members: number | null };

/** Kafka's state and member count per group; "Unknown" for a group that cannot be described. */
async function describeGroupStates(admin: Admin, groupIds: string[]): Promise<Map<string, GroupState>> {
  const states = new Map<string, GroupState>();
  const put = (g: { groupId: string; state: string; members: unknown[] }) => states.set(g.groupId, { state: g.state, members: g.members.length });
  if (!groupIds.length) return states;
  try {
    (await admin.describeGroups(groupIds)).groups.forEach(put);
  } catch {
    // One group kafkajs cannot describe fails the whole call: ask one by one, keeping what answers.
    await mapLimit(groupIds, GROUP_CONCURRENCY, async (id) => {
      try {
        (await admin.describeGroups([id])).groups.forEach(put);
      } catch {
        // Left as "Unknown".
      }
    });
  }
  return states;
}

/**
 * The consumer groups that have committed offsets on the topic, with their lag per partition (end offset −
 * committed offset, never below 0).
 */
export async function listTopicConsumerGroups(cluster: Cluster, topic: string): Promise<TopicConsumerGroups> {
  return withTimeout(
    (async () => {
      await fetchTopicPartitions(await adminFor(cluster), topic);
      return withAdminRecovery(cluster, async (admin) => {
        const [highs, listed] = await Promise.all([admin.fetchTopicOffsets(topic), admin.listGroups()]);
        // Consumer groups, and groups that only commit offsets (protocol type ""); not Connect or others.
        const ids = listed.groups
          .filter((g) => g.protocolType === "consumer" || g.protocolType === "")
          .map((g) => g.groupId)
          .sort((a, b) => a.localeCompare(b));
        const lags = await mapLimit(ids, GROUP_CONCURRENCY, async (groupId) => {
          try {
            const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
            return groupLag(highs, offsets.find((t) => t.topic === topic)?.partitions ?? []);
          } catch (e) {
            // A group the configured user may not read is not shown; anything else fails the read.
            if (classifyKafkaError(e).code === "KAFKA_AUTH_FAILED") return null;
            throw e;
          }
        });
        const reading = ids.flatMap((groupId, i) => {
          const lag = lags[i];
          return lag ? [{ groupId, ...lag }] : [];
        });
        const states = await describeGroupStates(admin, reading.map((g) => g.groupId));
        const groups: TopicConsumerGroup[] = reading.map((g) => ({
          groupId: g.groupId,
          state: states.get(g.groupId)?.state ?? "Unknown",
          members: states.get(g.groupId)?.members ?? null,
          totalLag: g.totalLag,
          partitions: g.partitions,
        }));
        return { topic, groups, fetchedAt: new Date().toISOString() };
      }).catch(notFoundIfUnknown(topic));
    })(),
    kafkaRequestTimeoutMs() * 3,
    `reading the consumer groups of ${topic}`,
  );
}
