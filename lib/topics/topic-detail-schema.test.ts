import { describe, expect, it } from "vitest";
import { createTopicInputSchema } from "./create-topic-schema";
import { addPartitionsInputSchema, alterTopicConfigInputSchema, deleteTopicInputSchema, topicRouteInputSchema } from "./topic-detail-schema";
import { toPartitionViews, messageCount } from "./topic-detail";

describe("topic detail inputs", () => {
  it("decodes a topic name from the URL and checks it", () => {
    expect(topicRouteInputSchema.parse({ id: "c1", topic: "orders.v1_x-y" }).topic).toBe("orders.v1_x-y");
    expect(topicRouteInputSchema.parse({ id: "c1", topic: "orders%2Ev1" }).topic).toBe("orders.v1");
    expect(topicRouteInputSchema.safeParse({ id: "c1", topic: "a%2Fb" }).success).toBe(false);
    expect(topicRouteInputSchema.safeParse({ id: "c1", topic: ".." }).success).toBe(false);
  });

  it("validates config values with the catalog, by key", () => {
    const bad = alterTopicConfigInputSchema.safeParse({ clusterId: "c1", topic: "t", set: { "retention.ms": "soon" } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({ path: ["set", "retention.ms"], message: "retention.ms must be a whole number" });
    expect(alterTopicConfigInputSchema.safeParse({ clusterId: "c1", topic: "t", set: { "no.such.key": "1" } }).success).toBe(false);
    expect(alterTopicConfigInputSchema.parse({ clusterId: "c1", topic: "t", set: { "retention.ms": " 60000 " } }).set).toEqual({ "retention.ms": "60000" });
    expect(alterTopicConfigInputSchema.parse({ clusterId: "c1", topic: "t", remove: ["retention.ms"] })).toMatchObject({ set: {}, remove: ["retention.ms"] });
  });

  it("refuses an empty change and a key both set and reset", () => {
    expect(alterTopicConfigInputSchema.safeParse({ clusterId: "c1", topic: "t" }).error?.issues[0].message).toBe("Nothing to change");
    expect(alterTopicConfigInputSchema.safeParse({ clusterId: "c1", topic: "t", set: { "retention.ms": "1" }, remove: ["retention.ms"] }).success).toBe(false);
  });

  it("checks partition counts and config values on create", () => {
    expect(addPartitionsInputSchema.safeParse({ clusterId: "c1", topic: "t", partitions: 0 }).success).toBe(false);
    expect(addPartitionsInputSchema.safeParse({ clusterId: "c1", topic: "t", partitions: Number.NaN }).error?.issues[0].message).toBe("Enter a number of partitions");
    const create = createTopicInputSchema.safeParse({ clusterId: "c1", name: "t", partitions: 1, replicationFactor: 1, configs: { "cleanup.policy": "compact,compact" } });
    expect(create.error?.issues[0]).toMatchObject({ path: ["configs", "cleanup.policy"], message: "cleanup.policy lists a value twice" });
    expect(deleteTopicInputSchema.safeParse({ clusterId: "c1", topic: "t" }).success).toBe(false);
  });
});

describe("toPartitionViews", () => {
  it("joins metadata with offsets, sorted, and counts messages", () => {
    const views = toPartitionViews(
      [
        { partitionId: 1, leader: -1, replicas: [1, 2], isr: [2], offlineReplicas: [1] },
        { partitionId: 0, leader: 1, replicas: [1, 2], isr: [1, 2] },
      ],
      [
        { partition: 0, low: "2", high: "10" },
        { partition: 1, low: "0", high: "5" },
      ],
    );
    expect(views).toEqual([
      { partition: 0, leader: 1, replicas: [1, 2], isr: [1, 2], offlineReplicas: [], low: 2, high: 10, underReplicated: false },
      { partition: 1, leader: null, replicas: [1, 2], isr: [2], offlineReplicas: [1], low: 0, high: 5, underReplicated: true },
    ]);
    expect(messageCount(views)).toBe(13);
    expect(toPartitionViews([{ partitionId: 0, leader: 0, replicas: [0], isr: [0] }], [])[0]).toMatchObject({ low: null, high: null });
  });
});
