import { describe, expect, it } from "vitest";
import { isInternalTopic, summarizeCluster } from "./cluster-overview";

const brokers = [
  { nodeId: 2, host: "b2", port: 9093, rack: "b" },
  { nodeId: 1, host: "b1", port: 9092, rack: "a" },
];

describe("summarizeCluster", () => {
  it("counts topics, partitions, replicas, and unhealthy partitions", () => {
    const o = summarizeCluster({
      clusterId: "c1",
      controllerId: 1,
      brokers,
      topics: [
        {
          name: "orders",
          partitions: [
            { partitionId: 0, leader: 1, replicas: [1, 2], isr: [1, 2] },
            { partitionId: 1, leader: 2, replicas: [2, 1], isr: [2] },
          ],
        },
        { name: "__consumer_offsets", partitions: [{ partitionId: 0, leader: -1, replicas: [1], isr: [] }] },
      ],
    });
    expect(o.topicCount).toBe(2);
    expect(o.internalTopicCount).toBe(1);
    expect(o.partitionCount).toBe(3);
    expect(o.replicaCount).toBe(5);
    expect(o.underReplicatedPartitions).toBe(1);
    expect(o.offlinePartitions).toBe(1);
    expect(o.unhealthy).toEqual([
      { topic: "orders", partition: 1, problem: "under-replicated" },
      { topic: "__consumer_offsets", partition: 0, problem: "offline" },
    ]);
    expect(o.brokers.map((b) => [b.nodeId, b.isController, b.leaderPartitions, b.replicas])).toEqual([
      [1, true, 1, 3],
      [2, false, 1, 2],
    ]);
  });

  it("handles an empty cluster", () => {
    const o = summarizeCluster({ clusterId: null, controllerId: null, brokers: [], topics: [] });
    expect(o).toMatchObject({ topicCount: 0, partitionCount: 0, underReplicatedPartitions: 0, offlinePartitions: 0 });
  });

  it("recognizes internal topics", () => {
    expect(isInternalTopic("__consumer_offsets")).toBe(true);
    expect(isInternalTopic("_schemas")).toBe(true);
    expect(isInternalTopic("orders")).toBe(false);
  });
});
