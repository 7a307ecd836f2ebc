import type { Edge, Node, XYPosition } from "@xyflow/react";
import { edgeKind } from "@/lib/designs/connection-rules";
import { defaultNodeData, type DesignNode, type Layout, type NodeDataOf, type NodeKind, type Topology } from "@/lib/designs/design-schema";

// Between the design's documents (topology and layout) and React Flow's nodes and edges: pure functions, no
// store and no DOM. A node's kind is its React Flow `type`; its `data` holds the kind's JSON-safe fields only.

/** A canvas node of one kind: `type` names the kind and `data` is that kind's fields. */
export type FlowNodeOf<K extends NodeKind> = Node<NodeDataOf<K>, K>;
/** A canvas node of any kind; narrow it by `type`. */
export type FlowNode = { [K in NodeKind]: FlowNodeOf<K> }[NodeKind];
export type FlowEdge = Edge<Record<string, never>, "design">;
/** Some fields of one kind's data. */
export type NodeDataPatch = { [K in NodeKind]: Partial<NodeDataOf<K>> }[NodeKind];

export interface FlowSnapshot {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

// Solid strokes: dashed ones cost much more to paint while panning a big design. The colours are the designer's
// CSS variables (app/globals.css), which the dark palette redefines.
const EDGE_STYLE = { produces: { stroke: "var(--edge-produces)" }, consumes: { stroke: "var(--edge-consumes)" } };

export function toFlowEdge(e: { id: string; source: string; target: string }, kinds: Map<string, NodeKind>): FlowEdge {
  const k = edgeKind(kinds.get(e.source) ?? "producer", kinds.get(e.target) ?? "topic");
  return { id: e.id, type: "design", source: e.source, target: e.target, style: k ? EDGE_STYLE[k] : undefined, ariaLabel: k === "consumes" ? "consumed by" : "produces to" };
}

function toFlowNode(n: DesignNode, position: XYPosition): FlowNode {
  switch (n.kind) {
    case "producer":
      return { id: n.id, type: n.kind, position, data: { ...n.data } };
    case "topic":
      return { id: n.id, type: n.kind, position, data: { ...n.data } };
    case "consumerGroup":
      return { id: n.id, type: n.kind, position, data: { ...n.data } };
    case "processor":
      return { id: n.id, type: n.kind, position, data: { ...n.data } };
    case "sourceConnector":
    case "sinkConnector":
      return { id: n.id, type: n.kind, position, data: { ...n.data, config: { ...n.data.config } } };
  }
}

function toDesignNode(n: FlowNode): DesignNode {
  switch (n.type) {
    case "producer":
      return { id: n.id, kind: n.type, data: { ...n.data } };
    case "topic":
      return { id: n.id, kind: n.type, data: { ...n.data } };
    case "consumerGroup":
      return { id: n.id, kind: n.type, data: { ...n.data } };
    case "processor":
      return { id: n.id, kind: n.type, data: { ...n.data } };
    case "sourceConnector":
    case "sinkConnector":
      return { id: n.id, kind: n.type, data: { ...n.data, config: { ...n.data.config } } };
  }
}

/** A node without a stored position goes on a grid, six to a row. */
export function toFlow(t: Topology, layout: Layout): FlowSnapshot {
  const kinds = new Map(t.nodes.map((n) => [n.id, n.kind]));
  return {
    nodes: t.nodes.map((n, i) => toFlowNode(n, layout.positions[n.id] ?? { x: 40 + (i % 6) * 260, y: 40 + Math.floor(i / 6) * 120 })),
    edges: t.edges.map((e) => toFlowEdge(e, kinds)),
  };
}

/** `settings`: the design-wide settings the canvas does not draw (the contracts' subject naming strategy). */
export function toTopology(nodes: FlowNode[], edges: FlowEdge[], settings: Pick<Topology, "subjectNaming"> = {}): Topology {
  return {
    nodes: nodes.map(toDesignNode),
    edges: edges.map((e) => ({ id: e.id, source: e.source, target: e.target })),
    ...(settings.subjectNaming ? { subjectNaming: settings.subjectNaming } : {}),
  };
}

export function toLayout(nodes: FlowNode[]): Layout {
  return { positions: Object.fromEntries(nodes.map((n) => [n.id, { x: Math.round(n.position.x), y: Math.round(n.position.y) }])) };
}

/** The node with other data; `data` must be of the node's own kind. */
function withData<N extends FlowNode>(node: N, data: N["data"]): N {
  return { ...node, data };
}

/** The node with some fields of its data changed. */
export function patchNodeData(node: FlowNode, patch: NodeDataPatch): FlowNode {
  return withData(node, { ...node.data, ...patch });
}

/** Ids start with the kind ("topic-…"), a consumer group's with "group", a connector's with "source"/"sink". */
export function idPrefix(kind: NodeKind): string {
  return kind === "consumerGroup" ? "group" : kind === "sourceConnector" ? "source" : kind === "sinkConnector" ? "sink" : kind;
}

/** A new, selected node of a kind, named after how many of its kind the design then has (`count`). */
export function newFlowNode(kind: NodeKind, id: string, position: XYPosition, count: number): FlowNode {
  switch (kind) {
    case "topic":
      return { id, type: kind, position, selected: true, data: { ...defaultNodeData(kind), name: `new-topic-${count}` } };
    case "consumerGroup":
      return { id, type: kind, position, selected: true, data: { ...defaultNodeData(kind), groupId: `new-group-${count}` } };
    case "producer":
      return { id, type: kind, position, selected: true, data: { ...defaultNodeData(kind), appName: `new-${kind}-${count}` } };
    case "processor":
      return { id, type: kind, position, selected: true, data: { ...defaultNodeData(kind), appName: `new-${kind}-${count}` } };
    case "sourceConnector":
    case "sinkConnector":
      return { id, type: kind, position, selected: true, data: { ...defaultNodeData(kind), name: `new-${kind === "sourceConnector" ? "source" : "sink"}-${count}` } };
  }
}

/** A copy for history or the clipboard: without selection state, so undo does not fight the user's selection. */
export function snapshot(s: FlowSnapshot): FlowSnapshot {
  return { nodes: s.nodes.map((n) => ({ ...n, selected: false })), edges: s.edges.map((e) => ({ ...e, selected: false })) };
}

/** The selected nodes and the edges between them. */
export function selectionSnapshot(s: FlowSnapshot): FlowSnapshot {
  const nodes = s.nodes.filter((n) => n.selected);
  const ids = new Set(nodes.map((n) => n.id));
  return snapshot({ nodes, edges: s.edges.filter((e) => ids.has(e.source) && ids.has(e.target)) });
}

const PASTE_OFFSET = 40;
const offset = (p: XYPosition) => ({ x: p.x + PASTE_OFFSET, y: p.y + PASTE_OFFSET });

// A pasted topic or group gets a new name, so the copy is not an instant duplicate.
function copyOf(n: FlowNode): FlowNode {
  if (n.type === "topic") return withData(n, { ...n.data, name: `${n.data.name}-copy` });
  if (n.type === "consumerGroup") return withData(n, { ...n.data, groupId: `${n.data.groupId}-copy` });
  if (n.type === "sourceConnector" || n.type === "sinkConnector") return withData(n, { ...n.data, name: `${n.data.name}-copy`, config: { ...n.data.config } });
  return withData(n, { ...n.data });
}

/**
 * What pasting the clipboard adds: selected copies of its nodes under new ids, a little down and to the right,
 * wired as the originals were; and the clipboard to keep, offset once more so pasting again steps further.
 */
export function pasteClipboard(clipboard: FlowSnapshot, newId: (prefix: string) => string): { nodes: FlowNode[]; edges: FlowEdge[]; clipboard: FlowSnapshot } {
  const idMap = new Map(clipboard.nodes.map((n) => [n.id, newId(idPrefix(n.type))]));
  const nodes = clipboard.nodes.map((n) => ({ ...copyOf(n), id: idMap.get(n.id)!, position: offset(n.position), selected: true }));
  const kinds = new Map(nodes.map((n) => [n.id, n.type]));
  const edges = clipboard.edges.map((e) => toFlowEdge({ id: newId("e"), source: idMap.get(e.source)!, target: idMap.get(e.target)! }, kinds));
  return { nodes, edges, clipboard: { nodes: clipboard.nodes.map((n) => ({ ...n, position: offset(n.position) })), edges: clipboard.edges } };
}
