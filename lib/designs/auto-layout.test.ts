import { describe, expect, it } from "vitest";
import { autoLayout, NODE_HEIGHT, nodeHeight } from "./auto-layout";
import { exampleTopology } from "./example-design";
import { generateTopology } from "./generate-design";

describe("autoLayout", () => {
  it("places every node, flowing left to right along edges", () => {
    const t = exampleTopology();
    const pos = autoLayout(t);
    expect(Object.keys(pos).sort()).toEqual(t.nodes.map((n) => n.id).sort());
    for (const e of t.edges) expect(pos[e.source].x).toBeLessThan(pos[e.target].x);
  });
  it("does not stack nodes on top of each other", () => {
    const pos = Object.values(autoLayout(exampleTopology()));
    const keys = new Set(pos.map((p) => `${p.x},${p.y}`));
    expect(keys.size).toBe(pos.length);
  });

  it("leaves room for the fields a topic's contract lists: no two nodes of a column overlap", () => {
    const t = exampleTopology();
    const pos = autoLayout(t);
    const boxes = t.nodes.map((n) => ({ ...pos[n.id], h: nodeHeight(n) }));
    expect(nodeHeight(t.nodes.find((n) => n.id === "orders")!)).toBeGreaterThan(NODE_HEIGHT + 4 * 14);
    for (const a of boxes) for (const b of boxes) if (a !== b && a.x === b.x) expect(a.y + a.h <= b.y || b.y + b.h <= a.y).toBe(true);
  });

  it("lays out a 1,000-node design with the fast ranker, still left to right and without stacking", () => {
    const t = generateTopology({ nodes: 1000, edges: 1200, seed: 3 });
    const pos = autoLayout(t);
    for (const e of t.edges) expect(pos[e.source].x).toBeLessThan(pos[e.target].x);
    expect(new Set(Object.values(pos).map((p) => `${p.x},${p.y}`)).size).toBe(t.nodes.length);
  }, 60_000);
});
