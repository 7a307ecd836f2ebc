import { describe, expect, it } from "vitest";
import { defaultNodeData, type DesignNode, type Topology } from "../designs/design-schema";
import { driftByNode } from "./drift";
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

function drift(d: Topology, c: ClusterState, appliedNames?: Record<string, string>) {
  return driftByNode(planDesign(d, c, { appliedNames }), [], { design: d, live: c.topics });
}

describe("driftByNode", () => {
  it("gives each differing setting of a drifted topic with the design's value and the cluster's", () => {
    const d = design(topic("orders", { partitions: 12, configs: { "retention.ms": "86400000", "cleanup.policy": "delete" } }));
    const c = cluster(live("orders", 6, 1, { "retention.ms": "604800000", "segment.bytes": "1048576" }));
    expect(drift(d, c).orders).toEqual({
      status: "drifted",
      details: ["orders: partitions 6 → 12", "orders: cleanup.policy (default) → delete", "orders: retention.ms 604800000 → 86400000", "orders: segment.bytes 1048576 → (default)"],
      values: [
        { key: "partitions", design: "12", cluster: "6", apply: "change" },
        { key: "cleanup.policy", design: "delete", cluster: null, apply: "change" },
        { key: "retention.ms", design: "86400000", cluster: "604800000", apply: "change" },
        { key: "segment.bytes", design: null, cluster: "1048576", apply: "change" },
      ],
    });
  });

  it("shows what apply refuses with the reason: fewer partitions, another replication factor", () => {
    const d = design(topic("orders", { partitions: 3, replicationFactor: 2 }));
    const r = drift(d, cluster(live("orders", 6, 1))).orders;
    expect(r.status).toBe("refused");
    expect(r.values).toEqual([
      { key: "partitions", design: "3", cluster: "6", apply: "refused" },
      { key: "replication factor", design: "2", cluster: "1", apply: "refused" },
    ]);
    expect(r.reasons).toEqual([expect.stringContaining("Kafka cannot remove partitions"), expect.stringContaining("needs reassignment")]);
  });

  it("keeps refused and changed settings apart on a topic that has both", () => {
    const d = design(topic("orders", { partitions: 3, configs: { "retention.ms": "1000" } }));
    const r = drift(d, cluster(live("orders", 6, 1))).orders;
    expect(r.status).toBe("drifted");
    expect(r.values).toEqual([
      { key: "partitions", design: "3", cluster: "6", apply: "refused" },
      { key: "retention.ms", design: "1000", cluster: null, apply: "change" },
    ]);
    expect(r.reasons).toHaveLength(1);
  });

  it("names a refused rename with the cluster's name", () => {
    const d = design(topic("orders.v2", {}, "orders"));
    const r = drift(d, cluster(live("orders.v1")), { orders: "orders.v1" }).orders;
    expect(r.status).toBe("refused");
    expect(r.values).toEqual([{ key: "name", design: "orders.v2", cluster: "orders.v1", apply: "refused" }]);
  });

  it("gives reasons without values when a new topic cannot be created", () => {
    const d = design(topic("shop.orders", {}, "orders"));
    const r = drift(d, cluster(live("shop_orders"))).orders;
    expect(r).toMatchObject({ status: "refused", reasons: [expect.stringContaining("shop_orders")] });
    expect(r.values).toBeUndefined();
  });

  it("has no values for an in-sync or not-created topic, and says whether groups exist", () => {
    const d = design(topic("a"), topic("b"));
    const out = driftByNode(planDesign(d, cluster(live("a"))), [
      { nodeId: "g1", exists: true, state: "Stable" },
      { nodeId: "g2", exists: false, state: null },
    ]);
    expect(out).toEqual({
      a: { status: "in-sync", details: [] },
      b: { status: "not-created", details: [] },
      g1: { status: "group-exists", details: ["Stable"] },
      g2: { status: "group-missing", details: [] },
    });
  });
});
