import "server-only";
import type { Admin } from "kafkajs";
import { mapLimit } from "@/lib/async/map-limit";
import type { Cluster } from "@/prisma/generated/client";
import { kafkaRequestTimeoutMs } from "@/server/config";
import { rawClusterFor } from "@/server/kafka/client-registry";
import type { RawCluster } from "@/server/kafka/raw-cluster";
import { withTimeout } from "@/server/kafka/with-timeout";

// The end offset (high watermark) and the log start offset of every partition of the wanted topics, in two
// ListOffsets requests per leader broker (latest and earliest), sent together: however many groups read a topic,
// its offsets are read once. Kafka refuses a partition named twice in one ListOffsets request, hence two.

export type TopicMetadata = Awaited<ReturnType<Admin["fetchTopicMetadata"]>>["topics"];
export type OffsetsByTopic = Record<string, Record<number, number | null>>;

interface RawListOffsetsBroker {
  listOffsets(req: {
    replicaId: number;
    isolationLevel: number;
    topics: { topic: string; partitions: { partition: number; timestamp?: number }[] }[];
  }): Promise<{ responses: { topic: string; partitions: { partition: number; offset: string }[] }[] }>;
}

const LATEST = -1;
const EARLIEST = -2;

export interface PartitionOffsetsRead {
  /** End offsets; null where the partition's leader could not be asked. */
  ends: OffsetsByTopic;
  /** Log start offsets; null where they could not be read (lag is still known then). */
  starts: OffsetsByTopic;
  /** Partitions whose end offset could not be read. */
  unavailable: { topic: string; partition: number }[];
}

/** A broker of the shared low-level client, whose metadata may not know it yet (then it is refreshed once). */
export async function findRawBroker(raw: RawCluster, nodeId: number) {
  try {
    return await raw.findBroker({ nodeId: String(nodeId) });
  } catch {
    await raw.refreshMetadata();
    return raw.findBroker({ nodeId: String(nodeId) });
  }
}

export async function fetchPartitionOffsets(cluster: Cluster, topics: TopicMetadata, wanted: Set<string>): Promise<PartitionOffsetsRead> {
  const ends: OffsetsByTopic = {};
  const starts: OffsetsByTopic = {};
  const unavailable: { topic: string; partition: number }[] = [];
  const byLeader = new Map<number, Map<string, number[]>>();
  for (const t of topics) {
    if (!wanted.has(t.name)) continue;
    ends[t.name] = {};
    starts[t.name] = {};
    for (const p of t.partitions) {
      ends[t.name][p.partitionId] = null;
      starts[t.name][p.partitionId] = null;
      if (p.leader < 0 || p.partitionErrorCode === 5 /* LEADER_NOT_AVAILABLE */) {
        unavailable.push({ topic: t.name, partition: p.partitionId });
        continue;
      }
      const forLeader = byLeader.get(p.leader) ?? new Map<string, number[]>();
      forLeader.set(t.name, [...(forLeader.get(t.name) ?? []), p.partitionId]);
      byLeader.set(p.leader, forLeader);
    }
  }
  if (!byLeader.size) return { ends, starts, unavailable };
  const raw = await rawClusterFor(cluster);
  const ask = async (broker: RawListOffsetsBroker, list: [string, number[]][], timestamp: number, into: OffsetsByTopic) => {
    const res = await broker.listOffsets({
      replicaId: -1,
      isolationLevel: 0,
      topics: list.map(([topic, partitions]) => ({ topic, partitions: partitions.map((partition) => ({ partition, timestamp })) })),
    });
    for (const r of res.responses) for (const p of r.partitions) into[r.topic][p.partition] = Number(p.offset);
  };
  /** All of a leader's partitions in one request; when that fails, topic by topic. Gives what still failed. */
  const read = async (broker: RawListOffsetsBroker, list: [string, number[]][], timestamp: number, into: OffsetsByTopic) => {
    try {
      await withTimeout(ask(broker, list, timestamp, into), kafkaRequestTimeoutMs(), "partition offsets");
      return [];
    } catch {
      // kafkajs fails a whole response for one partition's error (e.g. a leader that moved).
      const failed: [string, number[]][] = [];
      await mapLimit(list, 8, async (entry) => {
        try {
          await withTimeout(ask(broker, [entry], timestamp, into), kafkaRequestTimeoutMs(), "partition offsets");
        } catch {
          failed.push(entry);
        }
      });
      return failed;
    }
  };
  await Promise.all(
    [...byLeader.entries()].map(async ([leader, forLeader]) => {
      const list = [...forLeader.entries()];
      try {
        const broker = (await withTimeout(findRawBroker(raw, leader), kafkaRequestTimeoutMs(), "a broker")) as unknown as RawListOffsetsBroker;
        // A log start that cannot be read leaves retention loss unknown; the lag does not depend on it.
        const [failedEnds] = await Promise.all([read(broker, list, LATEST, ends), read(broker, list, EARLIEST, starts)]);
        for (const [topic, partitions] of failedEnds) for (const partition of partitions) unavailable.push({ topic, partition });
      } catch {
        for (const [topic, partitions] of list) for (const partition of partitions) unavailable.push({ topic, partition });
      }
    }),
  );
  return { ends, starts, unavailable };
}
