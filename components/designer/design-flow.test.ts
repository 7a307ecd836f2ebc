import { describe, expect, it } from "vitest";
import { shopDesign, shopTopology } from "./design-fixture";
import { newFlowNode, pasteClipboard, patchNodeData, selectionSnapshot, toFlow, toFlowEdge, toLayout, toTopology, type FlowNode } from "./design-flow";

const counter = () => {
  let n = 0;
  return (prefix: string) => `${prefix}-n${++n}`;
};

describe("toFlow", () => {
  it("makes a node per design node, typed by kind, at its stored position or on a grid", () => {
    const { topology, layout } = shopDesign();
    const { nodes } = toFlow(topology, layout);
    expect(nodes.map((n) => [n.id, n.type, n.position])).toEqual([
      ["p1", "producer", { x: 0, y: 0 }],
      ["t1", "topic", { x: 300, y: 0 }],
      // Third node without a position: third grid cell of the first row.
      ["g1", "consumerGroup", { x: 40 + 2 * 260, y: 40 }],
    ]);
  });

  it("copies node data, so editing the canvas never changes the design it came from", () => {
    const t = shopTopology();
    const { nodes } = toFlow(t, { positions: {} });
    expect(nodes[1].data).toEqual(t.nodes[1].data);
    expect(nodes[1].data).not.toBe(t.nodes[1].data);
  });

  it("styles and labels edges by what they mean", () => {
    const { edges } = toFlow(shopTopology(), { positions: {} });
    expect(edges.map((e) => [e.id, e.type, e.ariaLabel, e.style?.stroke])).toEqual([
      ["e1", "design", "produces to", "var(--edge-produces)"],
      ["e2", "design", "consumed by", "var(--edge-consumes)"],
    ]);
  });

  it("leaves an edge between kinds that cannot connect unstyled", () => {
    const e = toFlowEdge({ id: "x", source: "a", target: "b" }, new Map([["a", "topic"], ["b", "topic"]] as const));
    expect(e.style).toBeUndefined();
    expect(e.ariaLabel).toBe("produces to");
  });
});

describe("toTopology and toLayout", () => {
  it("give back the topology the canvas was made from", () => {
    const t = shopTopology();
    const { nodes, edges } = toFlow(t, { positions: {} });
    expect(toTopology(nodes, edges)).toEqual(t);
  });

  it("drop React Flow's own fields (selection, style) from the topology", () => {
    const { nodes, edges } = toFlow(shopTopology(), { positions: {} });
    const t = toTopology(
      nodes.map((n) => ({ ...n, selected: true })),
      edges.map((e) => ({ ...e, selected: true })),
    );
    expect(Object.keys(t.nodes[0]).sort()).toEqual(["data", "id", "kind"]);
    expect(Object.keys(t.edges[0]).sort()).toEqual(["id", "source", "target"]);
  });

  it("round positions to whole pixels in the layout", () => {
    const { nodes } = toFlow(shopTopology(), { positions: { p1: { x: 10.4, y: -3.6 } } });
    expect(toLayout(nodes).positions.p1).toEqual({ x: 10, y: -4 });
    expect(Object.keys(toLayout(nodes).positions)).toEqual(["p1", "t1", "g1"]);
  });
});

describe("newFlowNode", () => {
  it("names a new node after its kind and how many there are", () => {
    const at = { x: 1, y: 2 };
    const names = [
      newFlowNode("topic", "a", at, 2),
      newFlowNode("consumerGroup", "b", at, 1),
      newFlowNode("producer", "c", at, 3),
      newFlowNode("processor", "d", at, 1),
    ].map((n) => (n.type === "consumerGroup" ? n.data.groupId : "appName" in n.data ? n.data.appName : n.data.name));
    expect(names).toEqual(["new-topic-2", "new-group-1", "new-producer-3", "new-processor-1"]);
  });

  it("starts from the kind's defaults, selected", () => {
    const n = newFlowNode("topic", "a", { x: 0, y: 0 }, 1);
    expect(n).toMatchObject({ id: "a", type: "topic", selected: true, data: { partitions: 1, replicationFactor: 1, configs: {}, deleteOnApply: false } });
  });
});

describe("patchNodeData", () => {
  it("changes only the named fields, in a new data object", () => {
    const [, topic] = toFlow(shopTopology(), { positions: {} }).nodes;
    const patched = patchNodeData(topic, { partitions: 6 });
    expect(patched.data).toEqual({ ...topic.data, partitions: 6 });
    expect(topic.data).toMatchObject({ partitions: 3 });
  });
});

describe("pasteClipboard", () => {
  const flow = toFlow(shopTopology(), { positions: { p1: { x: 0, y: 0 }, t1: { x: 300, y: 0 }, g1: { x: 600, y: 0 } } });
  const selectAll = { nodes: flow.nodes.map((n) => ({ ...n, selected: true })), edges: flow.edges };

  it("copies only the edges between selected nodes", () => {
    const clip = selectionSnapshot({ nodes: selectAll.nodes.filter((n) => n.id !== "g1"), edges: flow.edges });
    expect(clip.edges.map((e) => e.id)).toEqual(["e1"]);
    expect(clip.nodes.every((n) => n.selected === false)).toBe(true);
  });

  it("adds selected copies under new ids, offset, with renamed topics and groups, wired like the originals", () => {
    const pasted = pasteClipboard(selectionSnapshot(selectAll), counter());
    expect(pasted.nodes.map((n) => [n.id, n.position, n.selected])).toEqual([
      ["producer-n1", { x: 40, y: 40 }, true],
      ["topic-n2", { x: 340, y: 40 }, true],
      ["group-n3", { x: 640, y: 40 }, true],
    ]);
    const name = (n: FlowNode) => (n.type === "consumerGroup" ? n.data.groupId : "appName" in n.data ? n.data.appName : n.data.name);
    expect(pasted.nodes.map(name)).toEqual(["shop", "orders-copy", "billing-copy"]);
    expect(pasted.edges.map((e) => [e.source, e.target, e.ariaLabel])).toEqual([
      ["producer-n1", "topic-n2", "produces to"],
      ["topic-n2", "group-n3", "consumed by"],
    ]);
  });

  it("keeps a clipboard offset once more, so the next paste steps further", () => {
    const once = pasteClipboard(selectionSnapshot(selectAll), counter());
    const twice = pasteClipboard(once.clipboard, counter());
    expect(twice.nodes[0].position).toEqual({ x: 80, y: 80 });
  });
});
