import { describe, expect, it } from "vitest";
import { edgeKind } from "./connection-rules";
import { topologySchema, type NodeKind } from "./design-schema";
import { generateTopology } from "./generate-design";
import { validateDesign } from "./validate-design";

describe("generateTopology", () => {
  const t = generateTopology({ nodes: 1000, edges: 1200, seed: 7 });

  it("has exactly the requested nodes and edges, in the usual mix of kinds", () => {
    expect(t.nodes).toHaveLength(1000);
    expect(t.edges).toHaveLength(1200);
    const count = (k: NodeKind) => t.nodes.filter((n) => n.kind === k).length;
    expect([count("producer"), count("topic"), count("consumerGroup"), count("processor")]).toEqual([250, 400, 250, 100]);
  });

  it("is a valid topology whose edges follow the connection rules, without duplicates", () => {
    expect(() => topologySchema.parse(t)).not.toThrow();
    const kind = new Map(t.nodes.map((n) => [n.id, n.kind]));
    for (const e of t.edges) expect(edgeKind(kind.get(e.source)!, kind.get(e.target)!), `${e.source} → ${e.target}`).not.toBeNull();
    expect(new Set(t.edges.map((e) => `${e.source}>${e.target}`)).size).toBe(t.edges.length);
    expect(new Set(t.edges.map((e) => e.id)).size).toBe(t.edges.length);
  });

  it("connects every node, so the design opens without problems", () => {
    expect(validateDesign(t, { brokerCount: 1 })).toEqual([]);
  });

  it("gives the same topology for the same seed and another for another seed", () => {
    expect(generateTopology({ nodes: 1000, edges: 1200, seed: 7 })).toEqual(t);
    expect(generateTopology({ nodes: 1000, edges: 1200, seed: 8 }).edges).not.toEqual(t.edges);
  });

  it("honours small and dense requests exactly, and refuses impossible ones", () => {
    expect(generateTopology({ nodes: 10, edges: 3, seed: 1 }).edges).toHaveLength(3);
    const dense = generateTopology({ nodes: 10, edges: 24, seed: 1 }); // 3 producers, 4 topics, 3 groups: 6 × 4 possible edges
    expect(dense.edges).toHaveLength(24);
    expect(() => topologySchema.parse(dense)).not.toThrow();
    expect(() => generateTopology({ nodes: 10, edges: 25, seed: 1 })).toThrow(/do not fit/);
  });
});
