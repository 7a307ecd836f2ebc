import dagre from "@dagrejs/dagre";
import type { Topology } from "./design-schema";

export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 72;
/**
 * dagre's default ranker (network simplex) gives the tidiest layers but grows steeply: about 40 s for 1,000
 * nodes here, freezing the tab. Above this size the longest-path ranker (about 1 s) is used instead; it lines
 * the consumers up on the right, which suits event flows.
 */
export const FAST_RANKER_ABOVE = 300;

/** Left-to-right layered layout (producers on the left, consumers on the right), with dagre. */
export function autoLayout(t: Topology, opts: { nodeWidth?: number; nodeHeight?: number } = {}): Record<string, { x: number; y: number }> {
  const width = opts.nodeWidth ?? NODE_WIDTH;
  const height = opts.nodeHeight ?? NODE_HEIGHT;
  const g = new dagre.graphlib.Graph({ multigraph: false });
  g.setGraph({ rankdir: "LR", nodesep: 28, ranksep: 110, marginx: 20, marginy: 20, ...(t.nodes.length > FAST_RANKER_ABOVE ? { ranker: "longest-path" } : {}) });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of t.nodes) g.setNode(n.id, { width, height });
  for (const e of t.edges) if (g.hasNode(e.source) && g.hasNode(e.target)) g.setEdge(e.source, e.target);
  dagre.layout(g);
  const out: Record<string, { x: number; y: number }> = {};
  for (const n of t.nodes) {
    const p = g.node(n.id);
    // dagre gives centres; React Flow positions are top-left corners.
    out[n.id] = { x: Math.round(p.x - width / 2), y: Math.round(p.y - height / 2) };
  }
  return out;
}
