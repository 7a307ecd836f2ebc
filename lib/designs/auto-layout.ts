import { compileSchemaCached } from "../contracts/schema-codec";
import type { DesignNode, Topology } from "./design-schema";
import { layeredLayout, NODE_HEIGHT, NODE_WIDTH, type LayoutGraph, type Positions } from "./layered-layout";

export { FAST_RANKER_ABOVE, NODE_HEIGHT, NODE_WIDTH } from "./layered-layout";

const FIELD_LINE = 14;
const SHOWN_FIELDS = 4;

/** How tall a node draws: a topic with a contract lists up to four of its fields (nodes/kind-nodes.tsx). */
export function nodeHeight(n: DesignNode, base = NODE_HEIGHT): number {
  if (n.kind !== "topic" || !n.data.contract) return base;
  const result = compileSchemaCached(n.data.contract.value);
  const fields = result.ok ? result.codec.fields.fields.length : 0;
  return base + FIELD_LINE * (1 + Math.min(fields, SHOWN_FIELDS) + (fields > SHOWN_FIELDS ? 1 : 0));
}

/** The graph the layered layout takes: each node's height measured here, where the schemas are at hand. */
export function layoutGraph(t: Topology, opts: { nodeWidth?: number; nodeHeight?: number } = {}): LayoutGraph {
  return {
    ids: t.nodes.map((n) => n.id),
    heights: t.nodes.map((n) => nodeHeight(n, opts.nodeHeight ?? NODE_HEIGHT)),
    edges: t.edges.map((e) => [e.source, e.target]),
    width: opts.nodeWidth ?? NODE_WIDTH,
  };
}

/** Left-to-right layered layout (producers on the left, consumers on the right), with dagre. */
export function autoLayout(t: Topology, opts: { nodeWidth?: number; nodeHeight?: number } = {}): Positions {
  return layeredLayout(layoutGraph(t, opts));
}
