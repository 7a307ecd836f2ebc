// Turns raw cluster metadata into the overview the console shows. Pure: no I/O.

export interface BrokerMetadata {
  nodeId: number;
  host: string;
  port: number;
  rack: string | null;
}

export interface PartitionMetadata {
  partitionId: number;
  leader: number;
  replicas: number[];
  isr: number[];
  offlineReplicas?: number[];
}

export interface TopicMetadata {
  name: string;
  partitions: PartitionMetadata[];
}

export interface ClusterOverview {
  clusterId: string | null;
  controllerId: number | null;
  brokers: (BrokerMetadata & { isController: boolean; leaderPartitions: number; replicas: number })[];
  topicCount: number;
  internalTopicCount: number;
  partitionCount: number;
  replicaCount: number;
  underReplicatedPartitions: number;
  offlinePartitions: number;
  /** The first few unhealthy partitions, so the page can name them. */
  unhealthy: { topic: string; partition: number; problem: "offline" | "under-replicated" }[];
}

/** Kafka's own internal topics, and the usual internal-topic convention of a leading "__". */
export function isInternalTopic(name: string): boolean {
  return name.startsWith("__") || name === "_schemas";
}

export function summarizeCluster(input: {
  clusterId: string | null;
  controllerId: number | null;
  brokers: BrokerMetadata[];
  topics: TopicMetadata[];
}): ClusterOverview {
  const leaderCount = new Map<number, number>();
  const replicaCount = new Map<number, number>();
  let partitionCount = 0;
  let replicas = 0;
  let under = 0;
  let offline = 0;
  const unhealthy: ClusterOverview["unhealthy"] = [];

  for (const topic of input.topics) {
    for (const p of topic.partitions) {
      partitionCount++;
      replicas += p.replicas.length;
      for (const r of p.replicas) replicaCount.set(r, (replicaCount.get(r) ?? 0) + 1);
      // Kafka reports leader -1 when no replica can lead: the partition is offline.
      if (p.leader < 0) {
        offline++;
        if (unhealthy.length < 20) unhealthy.push({ topic: topic.name, partition: p.partitionId, problem: "offline" });
        continue;
      }
      leaderCount.set(p.leader, (leaderCount.get(p.leader) ?? 0) + 1);
      if (p.isr.length < p.replicas.length) {
        under++;
        if (unhealthy.length < 20) unhealthy.push({ topic: topic.name, partition: p.partitionId, problem: "under-replicated" });
      }
    }
  }

  const brokers = [...input.brokers]
    .sort((a, b) => a.nodeId - b.nodeId)
    .map((b) => ({
      ...b,
      isController: b.nodeId === input.controllerId,
      leaderPartitions: leaderCount.get(b.nodeId) ?? 0,
      replicas: replicaCount.get(b.nodeId) ?? 0,
    }));

  return {
    clusterId: input.clusterId,
    controllerId: input.controllerId,
    brokers,
    topicCount: input.topics.length,
    internalTopicCount: input.topics.filter((t) => isInternalTopic(t.name)).length,
    partitionCount,
    replicaCount: replicas,
    underReplicatedPartitions: under,
    offlinePartitions: offline,
    unhealthy,
  };
}
