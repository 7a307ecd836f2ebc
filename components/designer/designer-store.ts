"use client";
import { applyEdgeChanges, applyNodeChanges, type Connection, type Edge, type EdgeChange, type Node, type NodeChange } from "@xyflow/react";
import { createContext, useContext } from "react";
import { createStore, useStore } from "zustand";
import { autoLayout } from "@/lib/designs/auto-layout";
import { edgeKind, newEdgeError } from "@/lib/designs/connection-rules";
import { defaultNodeData, type DesignNode, type Layout, type NodeKind, type Topology } from "@/lib/designs/design-schema";
import type { DesignView } from "@/lib/designs/design-views";
import type { Problem } from "@/lib/designs/validate-design";
import type { DesignLive, NodeLive } from "@/lib/lag/design-live";
import type { NodeDrift } from "@/lib/plan/drift";

// One store per open designer. Node `data` holds the node's JSON-safe fields only (no components, no
// callbacks); the node kind is the React Flow node `type`.

export type FlowNode = Node<DesignNode["data"] & Record<string, unknown>, NodeKind>;
export type FlowEdge = Edge;

interface Snapshot {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

export type SaveState = "saved" | "dirty" | "saving" | "failed" | "conflict";

export interface DesignerState {
  designId: string;
  name: string;
  clusterId: string | null;
  /** The server's newest topology revision this editor is based on. */
  version: number;
  nodes: FlowNode[];
  edges: FlowEdge[];
  /** Bumped on every topology change (autosave watches it); layoutRev likewise for positions. */
  topologyRev: number;
  layoutRev: number;
  past: Snapshot[];
  future: Snapshot[];
  clipboard: Snapshot | null;
  /** Why the connection being dragged is refused, shown while dragging. */
  connectHint: string | null;
  save: { state: SaveState; message?: string };

  onNodesChange: (changes: NodeChange<FlowNode>[]) => void;
  onEdgesChange: (changes: EdgeChange<FlowEdge>[]) => void;
  connect: (c: Connection) => void;
  checkConnection: (c: Connection | FlowEdge) => boolean;
  setConnectHint: (hint: string | null) => void;
  beginDrag: () => void;
  beforeDelete: () => void;
  addNode: (kind: NodeKind, position: { x: number; y: number }) => string;
  updateNodeData: (id: string, patch: Record<string, unknown>) => void;
  deleteSelected: () => void;
  selectOnly: (id: string) => void;
  selectAll: () => void;
  copySelection: () => void;
  paste: () => void;
  undo: () => void;
  redo: () => void;
  layout: () => void;
  setSave: (save: DesignerState["save"]) => void;
  setVersion: (version: number) => void;
  setCluster: (clusterId: string | null) => void;
  replaceWith: (design: DesignView) => void;
}

const HISTORY_LIMIT = 100;
// Solid strokes: dashed ones cost much more to paint while panning a big design.
const EDGE_STYLE = { produces: { stroke: "#2f6b3f" }, consumes: { stroke: "#6f8fb8" } };

export function toFlowEdge(e: { id: string; source: string; target: string }, kinds: Map<string, NodeKind>): FlowEdge {
  const k = edgeKind(kinds.get(e.source) ?? "producer", kinds.get(e.target) ?? "topic");
  return { id: e.id, type: "design", source: e.source, target: e.target, style: k ? EDGE_STYLE[k] : undefined, ariaLabel: k === "consumes" ? "consumed by" : "produces to" };
}

export function toFlow(t: Topology, layout: Layout): Snapshot {
  const kinds = new Map(t.nodes.map((n) => [n.id, n.kind]));
  return {
    nodes: t.nodes.map((n, i) => ({
      id: n.id,
      type: n.kind,
      position: layout.positions[n.id] ?? { x: 40 + (i % 6) * 260, y: 40 + Math.floor(i / 6) * 120 },
      data: { ...n.data } as FlowNode["data"],
    })),
    edges: t.edges.map((e) => toFlowEdge(e, kinds)),
  };
}

export function toTopology(nodes: FlowNode[], edges: FlowEdge[]): Topology {
  return {
    nodes: nodes.map((n) => ({ id: n.id, kind: n.type, data: { ...n.data } }) as DesignNode),
    edges: edges.map((e) => ({ id: e.id, source: e.source, target: e.target })),
  };
}

export function toLayout(nodes: FlowNode[]): Layout {
  return { positions: Object.fromEntries(nodes.map((n) => [n.id, { x: Math.round(n.position.x), y: Math.round(n.position.y) }])) };
}

function newId(prefix: string): string {
  const rnd = typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID().slice(0, 8) : Math.random().toString(36).slice(2, 10);
  return `${prefix}-${rnd}`;
}

/** A copy for history: without selection state, so undo does not fight the user's selection. */
function snapshot(s: { nodes: FlowNode[]; edges: FlowEdge[] }): Snapshot {
  return { nodes: s.nodes.map((n) => ({ ...n, selected: false })), edges: s.edges.map((e) => ({ ...e, selected: false })) };
}

function sameProblems(a: Problem[] | undefined, b: Problem[]): boolean {
  return !!a && a.length === b.length && a.every((p, i) => p.message === b[i].message && p.severity === b[i].severity);
}

export function createDesignerStore(design: DesignView) {
  const initial = toFlow(design.topology, design.layout);
  // Typing into a field records one history step per field, not one per keystroke.
  let lastEdit: { id: string; keys: string; at: number } | null = null;

  return createStore<DesignerState>()((set, get) => {
    const record = () => {
      const s = get();
      set({ past: [...s.past.slice(-HISTORY_LIMIT + 1), snapshot(s)], future: [] });
    };
    const topologyChanged = () => set((s) => ({ topologyRev: s.topologyRev + 1, layoutRev: s.layoutRev + 1 }));

    return {
      designId: design.id,
      name: design.name,
      clusterId: design.clusterId,
      version: design.version,
      nodes: initial.nodes,
      edges: initial.edges,
      topologyRev: 0,
      layoutRev: 0,
      past: [],
      future: [],
      clipboard: null,
      connectHint: null,
      save: { state: "saved" },

      // Deleting through React Flow (Delete key) records history once, in beforeDelete.
      onNodesChange: (changes) => {
        const removes = changes.some((c) => c.type === "remove");
        const moved = changes.some((c) => c.type === "position" && c.position);
        // One store update per change set (a drag sends one per frame).
        set((s) => {
          let nodes = applyNodeChanges(changes, s.nodes);
          let edges = s.edges;
          if (removes) {
            const alive = new Set(nodes.map((n) => n.id));
            edges = edges.filter((e) => alive.has(e.source) && alive.has(e.target));
            nodes = [...nodes];
          }
          return moved && !removes ? { nodes, edges, layoutRev: s.layoutRev + 1 } : { nodes, edges };
        });
        if (removes) topologyChanged();
      },

      onEdgesChange: (changes) => {
        const removes = changes.some((c) => c.type === "remove");
        set((s) => ({ edges: applyEdgeChanges(changes, s.edges) }));
        if (removes) topologyChanged();
      },

      checkConnection: (c) => {
        const s = get();
        const src = s.nodes.find((n) => n.id === c.source);
        const dst = s.nodes.find((n) => n.id === c.target);
        const err = newEdgeError(src && { id: src.id, kind: src.type }, dst && { id: dst.id, kind: dst.type }, s.edges);
        if (s.connectHint !== err) set({ connectHint: err });
        return err === null;
      },

      setConnectHint: (hint) => set({ connectHint: hint }),

      connect: (c) => {
        if (!get().checkConnection(c)) return;
        record();
        const s = get();
        const kinds = new Map(s.nodes.map((n) => [n.id, n.type]));
        const edge = toFlowEdge({ id: newId("e"), source: c.source, target: c.target }, kinds);
        set({ edges: [...s.edges, edge], connectHint: null });
        topologyChanged();
      },

      beforeDelete: () => {
        record();
        lastEdit = null;
      },

      beginDrag: () => {
        record();
        lastEdit = null;
      },

      addNode: (kind, position) => {
        record();
        lastEdit = null;
        const id = newId(kind === "consumerGroup" ? "group" : kind);
        const data = defaultNodeData(kind) as FlowNode["data"];
        const count = get().nodes.filter((n) => n.type === kind).length + 1;
        if (kind === "topic") Object.assign(data, { name: `new-topic-${count}` });
        if (kind === "consumerGroup") Object.assign(data, { groupId: `new-group-${count}` });
        if (kind === "producer" || kind === "processor") Object.assign(data, { appName: `new-${kind}-${count}` });
        set((s) => ({
          nodes: [...s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), { id, type: kind, position, data, selected: true }],
        }));
        topologyChanged();
        return id;
      },

      updateNodeData: (id, patch) => {
        const keys = Object.keys(patch).sort().join(",");
        const now = Date.now();
        if (!lastEdit || lastEdit.id !== id || lastEdit.keys !== keys || now - lastEdit.at > 1500) record();
        lastEdit = { id, keys, at: now };
        set((s) => ({ nodes: s.nodes.map((n) => (n.id === id ? { ...n, data: { ...n.data, ...patch } } : n)) }));
        topologyChanged();
      },

      deleteSelected: () => {
        const s = get();
        const gone = new Set(s.nodes.filter((n) => n.selected).map((n) => n.id));
        const edgesGone = s.edges.filter((e) => e.selected || gone.has(e.source) || gone.has(e.target));
        if (!gone.size && !edgesGone.length) return;
        record();
        const drop = new Set(edgesGone.map((e) => e.id));
        set({ nodes: s.nodes.filter((n) => !gone.has(n.id)), edges: s.edges.filter((e) => !drop.has(e.id)) });
        topologyChanged();
      },

      selectOnly: (id) => set((s) => ({ nodes: s.nodes.map((n) => ((n.id === id) !== !!n.selected ? { ...n, selected: n.id === id } : n)), edges: s.edges.map((e) => (e.selected ? { ...e, selected: false } : e)) })),

      selectAll: () => set((s) => ({ nodes: s.nodes.map((n) => (n.selected ? n : { ...n, selected: true })) })),

      copySelection: () => {
        const s = get();
        const nodes = s.nodes.filter((n) => n.selected);
        const ids = new Set(nodes.map((n) => n.id));
        set({ clipboard: snapshot({ nodes, edges: s.edges.filter((e) => ids.has(e.source) && ids.has(e.target)) }) });
      },

      paste: () => {
        const { clipboard } = get();
        if (!clipboard?.nodes.length) return;
        record();
        const idMap = new Map(clipboard.nodes.map((n) => [n.id, newId(n.type === "consumerGroup" ? "group" : n.type)]));
        const copies: FlowNode[] = clipboard.nodes.map((n) => {
          const data = { ...n.data };
          // A pasted topic or group gets a new name, so the copy is not an instant duplicate.
          if (n.type === "topic") data.name = `${data.name}-copy`;
          if (n.type === "consumerGroup") data.groupId = `${data.groupId}-copy`;
          return { ...n, id: idMap.get(n.id)!, position: { x: n.position.x + 40, y: n.position.y + 40 }, data, selected: true };
        });
        const kinds = new Map(copies.map((n) => [n.id, n.type]));
        const edges = clipboard.edges.map((e) => toFlowEdge({ id: newId("e"), source: idMap.get(e.source)!, target: idMap.get(e.target)! }, kinds));
        set((s) => ({
          nodes: [...s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), ...copies],
          edges: [...s.edges, ...edges],
          // Pasting again offsets further.
          clipboard: { nodes: clipboard.nodes.map((n) => ({ ...n, position: { x: n.position.x + 40, y: n.position.y + 40 } })), edges: clipboard.edges },
        }));
        topologyChanged();
      },

      undo: () => {
        const s = get();
        const prev = s.past[s.past.length - 1];
        if (!prev) return;
        lastEdit = null;
        set({ past: s.past.slice(0, -1), future: [snapshot(s), ...s.future], nodes: prev.nodes, edges: prev.edges });
        topologyChanged();
      },

      redo: () => {
        const s = get();
        const next = s.future[0];
        if (!next) return;
        lastEdit = null;
        set({ future: s.future.slice(1), past: [...s.past, snapshot(s)], nodes: next.nodes, edges: next.edges });
        topologyChanged();
      },

      layout: () => {
        record();
        lastEdit = null;
        const s = get();
        const positions = autoLayout(toTopology(s.nodes, s.edges));
        set({ nodes: s.nodes.map((n) => ({ ...n, position: positions[n.id] ?? n.position })) });
        set((x) => ({ layoutRev: x.layoutRev + 1 }));
      },

      setSave: (save) => set({ save }),
      setVersion: (version) => set({ version }),
      setCluster: (clusterId) => set({ clusterId }),

      replaceWith: (d) => {
        const flow = toFlow(d.topology, d.layout);
        lastEdit = null;
        set({ name: d.name, clusterId: d.clusterId, version: d.version, nodes: flow.nodes, edges: flow.edges, past: [], future: [], save: { state: "saved" } });
      },
    };
  });
}

export type DesignerStore = ReturnType<typeof createDesignerStore>;
export const DesignerStoreContext = createContext<DesignerStore | null>(null);

export function useDesigner<T>(selector: (s: DesignerState) => T): T {
  const store = useContext(DesignerStoreContext);
  if (!store) throw new Error("useDesigner outside a designer");
  return useStore(store, selector);
}

export function useDesignerStore(): DesignerStore {
  const store = useContext(DesignerStoreContext);
  if (!store) throw new Error("useDesignerStore outside a designer");
  return store;
}

// Problems, drift and live lag live in a store of their own: a drag updates the main store every frame, and
// the 1,000 node components that read them must not be asked about it each time (nor about a drag when live
// lag arrives).
export interface Annotations {
  problemsByNode: Map<string, Problem[]>;
  /** How the bound cluster differs from each node (null when unbound or not read yet). */
  drift: Record<string, NodeDrift> | null;
  setProblems: (problems: Problem[]) => void;
  setDrift: (drift: Record<string, NodeDrift> | null) => void;
  /** Live lag, rates and throughput from the bound cluster; null when unbound, not read yet, or unavailable. */
  live: DesignLive | null;
  /** Why live figures are unavailable (e.g. the cluster cannot be reached); null otherwise. */
  liveError: string | null;
  setLive: (live: DesignLive | null, error: string | null) => void;
}

function sameLive(a: NodeLive | undefined, b: NodeLive): boolean {
  return !!a && (Object.keys(b) as (keyof NodeLive)[]).every((k) => a[k] === b[k]);
}

export function createAnnotationStore() {
  return createStore<Annotations>()((set, get) => ({
    problemsByNode: new Map(),
    drift: null,
    setProblems: (problems) => {
      const fresh = new Map<string, Problem[]>();
      for (const p of problems) if (p.nodeId) fresh.set(p.nodeId, [...(fresh.get(p.nodeId) ?? []), p]);
      const old = get().problemsByNode;
      // Keep the old array where nothing changed, so only the affected nodes re-render.
      const merged = new Map<string, Problem[]>();
      for (const [id, list] of fresh) merged.set(id, sameProblems(old.get(id), list) ? old.get(id)! : list);
      set({ problemsByNode: merged });
    },
    setDrift: (drift) => set({ drift }),
    live: null,
    liveError: null,
    setLive: (live, liveError) => {
      const old = get().live?.nodes ?? {};
      // Every poll parses fresh objects: keep the old one where a node's figures did not change, so only
      // the nodes whose lag or rate moved re-render.
      const nodes = live && Object.fromEntries(Object.entries(live.nodes).map(([id, n]) => [id, sameLive(old[id], n) ? old[id] : n]));
      set({ live: live && nodes ? { ...live, nodes } : null, liveError });
    },
  }));
}

export type AnnotationStore = ReturnType<typeof createAnnotationStore>;
export const AnnotationStoreContext = createContext<AnnotationStore | null>(null);

export function useAnnotations<T>(selector: (s: Annotations) => T): T {
  const store = useContext(AnnotationStoreContext);
  if (!store) throw new Error("useAnnotations outside a designer");
  return useStore(store, selector);
}

export function useAnnotationStore(): AnnotationStore {
  const store = useContext(AnnotationStoreContext);
  if (!store) throw new Error("useAnnotationStore outside a designer");
  return store;
}
