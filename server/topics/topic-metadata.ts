import "server-only";
import { ConfigResourceTypes, type Admin } from "kafkajs";
import type { PartitionMetadata } from "@/lib/clusters/cluster-overview";
import { isInternalTopic } from "@/lib/clusters/cluster-overview";
import { AppError } from "@/lib/errors/app-error";
import { isUnknownTopicError } from "@/lib/kafka/unknown-topic-error";
import type { RawConfigEntry } from "@/lib/topics/topic-config-view";

// Reads and refusals shared by the topic operations in this folder.

export function topicNotFound(topic: string): AppError {
  return new AppError("NOT_FOUND", { userMessage: `Topic "${topic}" does not exist (it may have been deleted).` });
}

/** For `.catch`: Kafka's UNKNOWN_TOPIC_OR_PARTITION, once retrying is over, means the topic is gone. */
export function notFoundIfUnknown(topic: string) {
  return (e: unknown): never => {
    throw isUnknownTopicError(e) ? topicNotFound(topic) : e;
  };
}

/** Internal topics (__consumer_offsets, _schemas, …) belong to Kafka and its tools: Topiary shows them and changes nothing. */
export function refuseInternalTopic(topic: string, what: string): void {
  if (!isInternalTopic(topic)) return;
  throw new AppError("VALIDATION", {
    message: `${what} refused: ${topic} is internal`,
    userMessage: `"${topic}" is an internal topic: Topiary does not ${what} it.`,
  });
}

/**
 * The topic's partitions; NOT_FOUND when the topic does not exist. Asks for this one topic only, so it works
 * also on an admin that tracks a deleted topic (see server/kafka/with-admin-recovery.ts).
 */
export async function fetchTopicPartitions(admin: Admin, topic: string): Promise<PartitionMetadata[]> {
  const { topics } = await admin.fetchTopicMetadata({ topics: [topic] }).catch(notFoundIfUnknown(topic));
  const found = topics.find((t) => t.name === topic);
  if (!found) throw topicNotFound(topic);
  return found.partitions;
}

/** Every config of the topic, with its source and synonyms (what applies without the topic's own override). */
export async function describeTopicConfigs(admin: Admin, topic: string): Promise<RawConfigEntry[]> {
  const res = await admin.describeConfigs({ includeSynonyms: true, resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }] });
  return res.resources.find((r) => r.resourceName === topic)?.configEntries ?? [];
}
