import { defaultNodeData, type Topology } from "@/lib/designs/design-schema";
import type { DesignView } from "@/lib/designs/design-views";

// A small design for the designer's unit tests: shop (producer) → orders (topic) → billing (group).

export function shopTopology(): Topology {
  return {
    nodes: [
      { id: "p1", kind: "producer", data: { ...defaultNodeData("producer"), appName: "shop", rate: 5 } },
      { id: "t1", kind: "topic", data: { ...defaultNodeData("topic"), name: "orders", partitions: 3, configs: { "retention.ms": "60000" } } },
      { id: "g1", kind: "consumerGroup", data: { ...defaultNodeData("consumerGroup"), groupId: "billing" } },
    ],
    edges: [
      { id: "e1", source: "p1", target: "t1" },
      { id: "e2", source: "t1", target: "g1" },
    ],
  };
}

export function shopDesign(): DesignView {
  return {
    id: "d1",
    name: "Shop",
    clusterId: null,
    clusterName: null,
    version: 4,
    topology: shopTopology(),
    layout: { positions: { p1: { x: 0, y: 0 }, t1: { x: 300, y: 0 } } },
    updatedAt: "2025-01-01T00:00:00.000Z",
  };
}
