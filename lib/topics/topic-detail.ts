// The topic detail page's data: partitions with their offsets, and configuration. Pure: no I/O.
import type { PartitionMetadata } from "../clusters/cluster-overview";
import type { TopicConfigView } from "./topic-config-view";

export interface TopicPartitionView {
  partition: number;
  /** Null when the partition has no leader (offline). */
  leader: number | null;
  replicas: number[];
  isr: number[];
  offlineReplicas: number[];
  /** Start (log start) and end (high watermark) offsets; null when Kafka could not say (no leader). */
  low: number | null;
  high: number | null;
  underReplicated: boolean;
}

export interface TopicDetail {
  name: string;
  internal: boolean;
  replicationFactor: number;
  partitions: TopicPartitionView[];
  /** Messages in the log: the sum of end − start offsets (compaction and transactions make it an upper bound). */
  messages: number;
  /** Why the offsets are missing (e.g. a partition has no leader); null when they are there. */
  offsetsError: string | null;
  configs: TopicConfigView[];
  fetchedAt: string;
}

/** Partition metadata joined with the offsets kafkajs reports (as strings), sorted by partition. */
export function toPartitionViews(
  partitions: readonly PartitionMetadata[],
  offsets: readonly { partition: number; low: string; high: string }[],
): TopicPartitionView[] {
  const byPartition = new Map(offsets.map((o) => [o.partition, o]));
  return [...partitions]
    .sort((a, b) => a.partitionId - b.partitionId)
    .map((p) => {
      const o = byPartition.get(p.partitionId);
      return {
        partition: p.partitionId,
        leader: p.leader >= 0 ? p.leader : null,
        replicas: [...p.replicas],
        isr: [...p.isr],
        offlineReplicas: [...(p.offlineReplicas ?? [])],
        low: o ? Number(o.low) : null,
        high: o ? Number(o.high) : null,
        underReplicated: p.isr.length < p.replicas.length,
      };
    });
}

export function messageCount(partitions: readonly TopicPartitionView[]): number {
  return partitions.reduce((sum, p) => sum + (p.high !== null && p.low !== null ? Math.max(0, p.high - p.low) : 0), 0);
}
