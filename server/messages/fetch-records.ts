import "server-only";
import { isUnknownTopicError } from "@/lib/kafka/unknown-topic-error";
import type { Cluster } from "@/prisma/generated/client";
import { kafkaRequestTimeoutMs } from "@/server/config";
import { rawClusterFor } from "@/server/kafka/client-registry";
import type { RawMessage } from "@/server/kafka/raw-cluster";
import { withTimeout } from "@/server/kafka/with-timeout";

/**
 * The records of one partition from `offset` on, as Kafka returns them (whole batches, up to `maxBytes`), with
 * their exact bytes. An empty list when the topic, the partition or the offset holds nothing (before the log
 * start or past the end).
 */
export async function fetchRecords(cluster: Cluster, topic: string, partition: number, offset: number, maxBytes: number): Promise<RawMessage[]> {
  const raw = await rawClusterFor(cluster);
  try {
    await raw.addTargetTopic(topic);
  } catch (e) {
    if (isUnknownTopicError(e)) return [];
    throw e;
  }
  const leaderId = Object.keys(raw.findLeaderForPartitions(topic, [partition]))[0];
  if (leaderId === undefined) return [];
  const broker = await raw.findBroker({ nodeId: leaderId });
  const res = await withTimeout(
    broker
      .fetch({
        replicaId: -1,
        isolationLevel: 1,
        maxWaitTime: 100,
        minBytes: 1,
        maxBytes,
        topics: [{ topic, partitions: [{ partition, fetchOffset: String(offset), maxBytes }] }],
      })
      // An offset before the log start or past the end holds no record: nothing, not a broker failure.
      .catch((e: { type?: string }) => {
        if (e?.type === "OFFSET_OUT_OF_RANGE") return null;
        throw e;
      }),
    kafkaRequestTimeoutMs() + 2000,
    "fetching messages",
  );
  if (!res) return [];
  return res.responses.flatMap((t) => t.partitions).filter((p) => p.partition === partition).flatMap((p) => p.messages).filter((m) => !m.isControlRecord);
}
