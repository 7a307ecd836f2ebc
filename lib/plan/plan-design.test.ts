import { describe, expect, it } from "vitest";
import { defaultNodeData, type DesignNode, type Topology } from "../designs/design-schema";
import { planDesign } from "./plan-design";
import type { ClusterState, LiveTopic } from "./plan-types";

const topic = (name: string, data: Partial<Extract<DesignNode, { kind: "topic" }>["data"]> = {}, id = name.replace(/\W/g, "_")): DesignNode => ({
  id,
  kind: "topic",
  data: { ...defaultNodeData("topic"), name, ...data },
});
const design = (...nodes: DesignNode[]): Topology => ({ nodes, edges: [] });
const live = (name: string, partitions = 1, replicationFactor = 1, configs: Record<string, string> = {}): LiveTopic => ({ name, partitions, replicationFactor, configs });
const cluster = (...topics: LiveTopic[]): ClusterState => ({ brokerCount: 3, topics });

describe("planDesign", () => {
  it.each([
    {
      case: "creates a missing topic with its partitions, replication factor and configs",
      design: design(topic("orders", { partitions: 6, replicationFactor: 3, configs: { "retention.ms": "1000" } })),
      cluster: cluster(),
      changes: [{ kind: "createTopic", topic: "orders", partitions: 6, replicationFactor: 3, configs: { "retention.ms": "1000" } }],
      status: "create",
    },
    {
      case: "adds partitions",
      design: design(topic("orders", { partitions: 12 })),
      cluster: cluster(live("orders", 6)),
      changes: [{ kind: "addPartitions", topic: "orders", from: 6, to: 12 }],
      status: "update",
    },
    {
      case: "sets a config key, before → after",
      design: design(topic("orders", { configs: { "retention.ms": "86400000" } })),
      cluster: cluster(live("orders", 1, 1, { "retention.ms": "604800000" })),
      changes: [{ kind: "setConfig", topic: "orders", key: "retention.ms", before: "604800000", after: "86400000" }],
      status: "update",
    },
    {
      case: "sets a key that is at its default (no override yet)",
      design: design(topic("orders", { configs: { "cleanup.policy": "compact" } })),
      cluster: cluster(live("orders")),
      changes: [{ kind: "setConfig", topic: "orders", key: "cleanup.policy", before: null, after: "compact" }],
      status: "update",
    },
    {
      case: "removes an override the design does not have (back to the default)",
      design: design(topic("orders")),
      cluster: cluster(live("orders", 1, 1, { "max.message.bytes": "2000000" })),
      changes: [{ kind: "removeConfig", topic: "orders", key: "max.message.bytes", before: "2000000" }],
      status: "update",
    },
    {
      case: "treats list values in any order as equal (no drift)",
      design: design(topic("orders", { configs: { "cleanup.policy": "compact,delete" } })),
      cluster: cluster(live("orders", 1, 1, { "cleanup.policy": "delete,compact" })),
      changes: [],
      status: "in-sync",
    },
    {
      case: "is in sync when only broker defaults differ (they are not in the overrides)",
      design: design(topic("orders", { partitions: 3 })),
      cluster: cluster(live("orders", 3)),
      changes: [],
      status: "in-sync",
    },
  ])("$case", ({ design: d, cluster: c, changes, status }) => {
    const p = planDesign(d, c);
    expect(p.changes).toEqual(changes);
    expect(p.topics[0].status).toBe(status);
    expect(p.blockingErrors).toEqual([]);
  });

  it("refuses a partition decrease, and never plans it", () => {
    const p = planDesign(design(topic("orders", { partitions: 3 })), cluster(live("orders", 6)));
    expect(p.changes).toEqual([]);
    expect(p.topics[0]).toMatchObject({ status: "refused", refusals: [expect.stringContaining("cannot remove partitions")] });
  });

  it("reports a replication-factor change as needing reassignment, and still applies the rest", () => {
    const p = planDesign(design(topic("orders", { replicationFactor: 3, configs: { "retention.ms": "5" } })), cluster(live("orders", 1, 1)));
    expect(p.topics[0].refusals).toEqual([expect.stringContaining("needs reassignment")]);
    expect(p.changes).toEqual([{ kind: "setConfig", topic: "orders", key: "retention.ms", before: null, after: "5" }]);
    expect(p.topics[0].status).toBe("update");
  });

  it("refuses a rename instead of creating a second topic", () => {
    const p = planDesign(design(topic("orders-v2", {}, "n1")), cluster(live("orders")), { appliedNames: { n1: "orders" } });
    expect(p.changes).toEqual([]);
    expect(p.topics[0]).toMatchObject({ status: "refused", refusals: [expect.stringContaining("cannot rename")] });
  });

  it("lists topics it does not manage and never touches them (internal ones are not even listed)", () => {
    const p = planDesign(design(topic("orders")), cluster(live("orders"), live("legacy"), live("__consumer_offsets", 50)));
    expect(p.unmanaged).toEqual(["legacy"]);
    expect(p.changes).toEqual([]);
  });

  it("deletes only topics marked for deletion, and asks for their names", () => {
    const p = planDesign(design(topic("old", { deleteOnApply: true }), topic("gone", { deleteOnApply: true })), cluster(live("old")));
    expect(p.changes).toEqual([{ kind: "deleteTopic", topic: "old" }]);
    expect(p.deletions).toEqual(["old"]);
    expect(p.topics[1].warnings[0]).toContain("nothing to do");
  });

  it("orders changes: creates, then partitions, then configs, then deletions", () => {
    const p = planDesign(
      design(topic("z-del", { deleteOnApply: true }), topic("b-cfg", { configs: { "retention.ms": "1" } }), topic("c-part", { partitions: 2 }), topic("a-new")),
      cluster(live("z-del"), live("b-cfg"), live("c-part")),
    );
    expect(p.changes.map((c) => c.kind)).toEqual(["createTopic", "addPartitions", "setConfig", "deleteTopic"]);
  });

  it("does not plan invalid topics and reports blocking errors", () => {
    const p = planDesign(design(topic("bad name!"), topic("orders"), topic("orders", {}, "dup")), cluster());
    expect(p.changes).toEqual([]);
    expect(p.topics.map((t) => t.status)).toEqual(["invalid", "invalid", "invalid"]);
    expect(p.blockingErrors.length).toBeGreaterThan(0);
  });

  it("refuses a replication factor above the broker count", () => {
    const p = planDesign(design(topic("orders", { replicationFactor: 5 })), cluster());
    expect(p.changes).toEqual([]);
    expect(p.topics[0].refusals.join()).toMatch(/more than the cluster's 3 brokers/);
  });

  it("refuses min.insync.replicas above the replication factor (every acks=all write would fail)", () => {
    const p = planDesign(design(topic("orders", { replicationFactor: 1, configs: { "min.insync.replicas": "2" } })), cluster());
    expect(p.topics[0].status).toBe("invalid");
    expect(p.topics[0].refusals[0]).toContain("min.insync.replicas 2 is more than the replication factor 1");
    expect(p.changes).toEqual([]);
  });

  it("gives the same hash for the same inputs and a different one when the cluster changes", () => {
    const d = design(topic("orders"));
    expect(planDesign(d, cluster(live("orders"))).hash).toBe(planDesign(d, cluster(live("orders"))).hash);
    expect(planDesign(d, cluster(live("orders"))).hash).not.toBe(planDesign(d, cluster(live("orders", 2))).hash);
  });
});

describe("refusals before anything is applied", () => {
  it("refuses creating a topic whose name collides ('.' vs '_') with one in the cluster", () => {
    const design: Topology = { nodes: [{ id: "t", kind: "topic", position: { x: 0, y: 0 }, data: { name: "shop_orders", partitions: 1, replicationFactor: 1, configs: {}, deleteOnApply: false } }], edges: [] } as unknown as Topology;
    const plan = planDesign(design, { brokerCount: 1, topics: [{ name: "shop.orders", partitions: 1, replicationFactor: 1, configs: {} }] });
    expect(plan.topics[0]).toMatchObject({ status: "refused", refusals: [expect.stringMatching(/collides with "shop.orders".*already exists in the cluster/)] });
    expect(plan.changes).toEqual([]);
  });
});
