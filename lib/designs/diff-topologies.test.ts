import { describe, expect, it } from "vitest";
import { exampleTopology } from "./example-design";
import { diffTopologies, isEmptyDiff, summarizeDiff } from "./diff-topologies";

describe("diffTopologies", () => {
  it("is empty for identical topologies", () => {
    const d = diffTopologies(exampleTopology(), exampleTopology());
    expect(isEmptyDiff(d)).toBe(true);
    expect(summarizeDiff(d)).toBe("no changes");
  });

  it("reports nodes and edges added, removed, and changed key by key", () => {
    const before = exampleTopology();
    const after = exampleTopology();
    const orders = after.nodes.find((n) => n.id === "orders")!;
    if (orders.kind !== "topic") throw new Error("fixture");
    orders.data.partitions = 12;
    orders.data.configs["retention.ms"] = "86400000";
    delete orders.data.configs["compression.type"];
    orders.data.configs["max.message.bytes"] = "2097152";
    after.nodes = after.nodes.filter((n) => n.id !== "crm");
    after.edges = after.edges.filter((e) => e.source !== "crm");
    after.nodes.push({ id: "audit", kind: "consumerGroup", data: { groupId: "audit", appName: "", description: "" } });
    after.edges.push({ id: "e-new", source: "orders", target: "audit" });

    const d = diffTopologies(before, after);
    expect(d.nodesAdded).toEqual([{ id: "audit", kind: "consumerGroup", label: 'group "audit"' }]);
    expect(d.nodesRemoved).toEqual([{ id: "crm", kind: "producer", label: 'producer "crm"' }]);
    expect(d.nodesChanged).toEqual([
      {
        id: "orders",
        kind: "topic",
        label: 'topic "shop.orders.v1"',
        changes: [
          { key: "configs.compression.type", before: "zstd", after: undefined },
          { key: "configs.max.message.bytes", before: undefined, after: "2097152" },
          { key: "configs.retention.ms", before: "604800000", after: "86400000" },
          { key: "partitions", before: 6, after: 12 },
        ],
      },
    ]);
    expect(d.edgesAdded).toEqual([{ id: "e-new", from: 'topic "shop.orders.v1"', to: 'group "audit"' }]);
    expect(d.edgesRemoved).toEqual([{ id: "e-crm-customers", from: 'producer "crm"', to: 'topic "shop.customers.v1"' }]);
    expect(summarizeDiff(d)).toBe("1 node added, 1 node removed, 1 node changed, 1 connection added, 1 connection removed");
  });
});
