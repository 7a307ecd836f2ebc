// Consumer groups reading a topic, and their lag. Pure: no I/O.

export interface PartitionLag {
  partition: number;
  /** The group's committed offset; null when it has committed none on this partition. */
  committed: number | null;
  /** End offset (high watermark). */
  high: number;
  /** high − committed, never below 0; null without a committed offset. */
  lag: number | null;
}

export interface TopicConsumerGroup {
  groupId: string;
  /** Kafka's group state (Stable, Empty, …); "Unknown" when it could not be described. */
  state: string;
  members: number | null;
  totalLag: number;
  partitions: PartitionLag[];
}

export interface TopicConsumerGroups {
  topic: string;
  groups: TopicConsumerGroup[];
  fetchedAt: string;
}

/**
 * One group's lag on a topic, from the topic's end offsets and the group's committed offsets (kafkajs gives
 * both as strings; "-1" means nothing committed). Null when the group has committed nothing on the topic,
 * i.e. it does not read it.
 */
export function groupLag(
  highs: readonly { partition: number; high: string }[],
  committed: readonly { partition: number; offset: string }[],
): { totalLag: number; partitions: PartitionLag[] } | null {
  const offsets = new Map(committed.map((c) => [c.partition, Number(c.offset)]));
  if (![...offsets.values()].some((o) => o >= 0)) return null;
  const partitions = [...highs]
    .sort((a, b) => a.partition - b.partition)
    .map((h) => {
      const high = Number(h.high);
      const c = offsets.get(h.partition);
      const has = c !== undefined && c >= 0;
      return { partition: h.partition, committed: has ? c : null, high, lag: has ? Math.max(0, high - c) : null };
    });
  return { totalLag: partitions.reduce((s, p) => s + (p.lag ?? 0), 0), partitions };
}
