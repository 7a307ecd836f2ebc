import dagre from "@dagrejs/dagre";

// The layered (left-to-right) layout itself, with dagre and nothing else: what the designer's layout worker
// runs (components/designer/layout-worker.ts). Node sizes come from the caller (auto-layout.ts measures a
// topic's contract), so the worker does not load the schema libraries.

export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 72;
/**
 * dagre's default ranker (network simplex) gives the tidiest layers but grows steeply: about 40 s for 1,000
 * nodes here, freezing the tab. Above this size the longest-path ranker (about 1 s) is used instead; it lines
 * the consumers up on the right, which suits event flows.
 */
export const FAST_RANKER_ABOVE = 300;

/** What the layout needs of a design: node ids with their heights, and edges as [source, target]. */
export interface LayoutGraph {
  ids: string[];
  heights: number[];
  edges: [string, string][];
  width?: number;
}

export type Positions = Record<string, { x: number; y: number }>;

/** Top-left positions of the nodes, producers on the left and consumers on the right. */
export function layeredLayout(graph: LayoutGraph): Positions {
  const width = graph.width ?? NODE_WIDTH;
  const g = new dagre.graphlib.Graph({ multigraph: false });
  g.setGraph({ rankdir: "LR", nodesep: 28, ranksep: 110, marginx: 20, marginy: 20, ...(graph.ids.length > FAST_RANKER_ABOVE ? { ranker: "longest-path" } : {}) });
  g.setDefaultEdgeLabel(() => ({}));
  graph.ids.forEach((id, i) => g.setNode(id, { width, height: graph.heights[i] }));
  for (const [s, t] of graph.edges) if (g.hasNode(s) && g.hasNode(t)) g.setEdge(s, t);
  dagre.layout(g);
  const out: Positions = {};
  graph.ids.forEach((id, i) => {
    const p = g.node(id);
    // dagre gives centres; React Flow positions are top-left corners.
    out[id] = { x: Math.round(p.x - width / 2), y: Math.round(p.y - graph.heights[i] / 2) };
  });
  return out;
}
