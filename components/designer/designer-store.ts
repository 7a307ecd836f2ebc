"use client";
import { applyEdgeChanges, applyNodeChanges, type Connection, type EdgeChange, type NodeChange, type XYPosition } from "@xyflow/react";
import { createContext, useContext } from "react";
import { createStore, useStore } from "zustand";
import { newEdgeError } from "@/lib/designs/connection-rules";
import type { NodeKind, Topology } from "@/lib/designs/design-schema";
import type { DesignView } from "@/lib/designs/design-views";
import {
  idPrefix,
  newFlowNode,
  pasteClipboard,
  patchNodeData,
  selectionSnapshot,
  snapshot,
  toFlow,
  toFlowEdge,
  toTopology,
  type FlowEdge,
  type FlowNode,
  type FlowSnapshot,
  type NodeDataPatch,
} from "./design-flow";
import { layoutInWorker, type LayoutEngine } from "./layout-client";

// One store per open designer: the canvas's nodes and edges, undo history, clipboard and save state.
// Problems, drift and live lag are in the annotation store (annotation-store.ts).
// One file at about 300 lines: the state's type and its actions are one zustand store, one closure over set/get
// and the undo history; the pure mapping it uses is already apart (design-flow.ts).

export type SaveState = "saved" | "dirty" | "saving" | "failed" | "conflict";

export interface DesignerState {
  designId: string;
  name: string;
  clusterId: string | null;
  /** The server's newest topology revision this editor is based on. */
  version: number;
  nodes: FlowNode[];
  edges: FlowEdge[];
  /** How apply names the Schema Registry subjects of the contracts (a design-wide setting; absent: the default). */
  subjectNaming: Topology["subjectNaming"];
  /** Bumped on every topology change (autosave watches it); layoutRev likewise for positions. */
  topologyRev: number;
  layoutRev: number;
  past: FlowSnapshot[];
  future: FlowSnapshot[];
  clipboard: FlowSnapshot | null;
  /** Why the connection being dragged is refused, shown while dragging. */
  connectHint: string | null;
  save: { state: SaveState; message?: string };
  /** True while the auto layout runs (off the main thread); its error when the last one failed. */
  layingOut: boolean;
  layoutError: string | null;

  onNodesChange: (changes: NodeChange<FlowNode>[]) => void;
  onEdgesChange: (changes: EdgeChange<FlowEdge>[]) => void;
  connect: (c: Connection) => void;
  checkConnection: (c: Connection | FlowEdge) => boolean;
  setConnectHint: (hint: string | null) => void;
  beginDrag: () => void;
  beforeDelete: () => void;
  addNode: (kind: NodeKind, position: XYPosition) => string;
  updateNodeData: (id: string, patch: NodeDataPatch) => void;
  deleteSelected: () => void;
  selectOnly: (id: string) => void;
  selectAll: () => void;
  copySelection: () => void;
  paste: () => void;
  undo: () => void;
  redo: () => void;
  /** Lays the design out left to right (in a worker); resolves when the new positions are on the canvas. */
  layout: () => Promise<void>;
  setSave: (save: DesignerState["save"]) => void;
  setVersion: (version: number) => void;
  setCluster: (clusterId: string | null) => void;
  setName: (name: string) => void;
  setSubjectNaming: (strategy: Topology["subjectNaming"]) => void;
  replaceWith: (design: DesignView) => void;
}

export const HISTORY_LIMIT = 100;
/** Edits of the same fields of one node within this long make one undo step. */
export const EDIT_COALESCE_MS = 1500;

function newId(prefix: string): string {
  const rnd = typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID().slice(0, 8) : Math.random().toString(36).slice(2, 10);
  return `${prefix}-${rnd}`;
}

const deselected = <T extends { selected?: boolean }>(items: T[]) => items.map((x) => (x.selected ? { ...x, selected: false } : x));

export interface DesignerStoreOptions {
  /** How auto layout runs: in a worker in the browser; tests pass the pure function. */
  layoutEngine?: LayoutEngine;
  /** Waits for the next frame between the slices of a layout's new positions (tests: resolves at once). */
  nextFrame?: () => Promise<void>;
}

/**
 * New positions go onto the canvas this many nodes a frame: React Flow re-renders each moved node and its edges,
 * and 1,000 of them at once is one main-thread task of 100 ms or more (the tab stutters); slices keep each
 * frame's task short, and the whole takes a few frames.
 */
export const LAYOUT_SLICE = 250;

const animationFrame = () => new Promise<void>((resolve) => (typeof requestAnimationFrame === "function" ? requestAnimationFrame(() => resolve()) : resolve()));

export function createDesignerStore(design: DesignView, opts: DesignerStoreOptions = {}) {
  const layoutEngine = opts.layoutEngine ?? layoutInWorker;
  const nextFrame = opts.nextFrame ?? animationFrame;
  const initial = toFlow(design.topology, design.layout);
  // Typing into a field records one history step per field, not one per keystroke.
  let lastEdit: { id: string; keys: string; at: number } | null = null;

  return createStore<DesignerState>()((set, get) => {
    const record = () => {
      const s = get();
      set({ past: [...s.past.slice(-HISTORY_LIMIT + 1), snapshot(s)], future: [] });
    };
    /** Records a history step that no later field edit joins. */
    const step = () => {
      record();
      lastEdit = null;
    };
    const topologyChanged = () => set((s) => ({ topologyRev: s.topologyRev + 1, layoutRev: s.layoutRev + 1 }));

    return {
      designId: design.id,
      name: design.name,
      clusterId: design.clusterId,
      version: design.version,
      nodes: initial.nodes,
      edges: initial.edges,
      subjectNaming: design.topology.subjectNaming,
      topologyRev: 0,
      layoutRev: 0,
      past: [],
      future: [],
      clipboard: null,
      connectHint: null,
      save: { state: "saved" },
      layingOut: false,
      layoutError: null,

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

      beforeDelete: step,
      beginDrag: step,

      addNode: (kind, position) => {
        step();
        const id = newId(idPrefix(kind));
        const count = get().nodes.filter((n) => n.type === kind).length + 1;
        set((s) => ({ nodes: [...deselected(s.nodes), newFlowNode(kind, id, position, count)] }));
        topologyChanged();
        return id;
      },

      updateNodeData: (id, patch) => {
        const keys = Object.keys(patch).sort().join(",");
        const now = Date.now();
        if (!lastEdit || lastEdit.id !== id || lastEdit.keys !== keys || now - lastEdit.at > EDIT_COALESCE_MS) record();
        lastEdit = { id, keys, at: now };
        set((s) => ({ nodes: s.nodes.map((n) => (n.id === id ? patchNodeData(n, patch) : n)) }));
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

      selectOnly: (id) => set((s) => ({ nodes: s.nodes.map((n) => ((n.id === id) !== !!n.selected ? { ...n, selected: n.id === id } : n)), edges: deselected(s.edges) })),

      selectAll: () => set((s) => ({ nodes: s.nodes.map((n) => (n.selected ? n : { ...n, selected: true })) })),

      copySelection: () => set((s) => ({ clipboard: selectionSnapshot(s) })),

      paste: () => {
        const { clipboard } = get();
        if (!clipboard?.nodes.length) return;
        record();
        const pasted = pasteClipboard(clipboard, newId);
        set((s) => ({ nodes: [...deselected(s.nodes), ...pasted.nodes], edges: [...s.edges, ...pasted.edges], clipboard: pasted.clipboard }));
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

      layout: async () => {
        if (get().layingOut) return;
        set({ layingOut: true, layoutError: null });
        const s = get();
        let positions: Record<string, XYPosition>;
        try {
          positions = await layoutEngine(toTopology(s.nodes, s.edges));
        } catch (e) {
          set({ layingOut: false, layoutError: e instanceof Error ? e.message : String(e) });
          return;
        }
        // One undo step, taken when the positions arrive: edits made meanwhile are kept, and nodes added
        // meanwhile stay where they were put. Applied a slice a frame (LAYOUT_SLICE).
        step();
        const ids = Object.keys(positions);
        for (let i = 0; i < ids.length; i += LAYOUT_SLICE) {
          if (i > 0) await nextFrame();
          const slice = new Set(ids.slice(i, i + LAYOUT_SLICE));
          set((x) => ({ nodes: x.nodes.map((n) => (slice.has(n.id) ? { ...n, position: positions[n.id] } : n)) }));
        }
        set((x) => ({ layoutRev: x.layoutRev + 1, layingOut: false }));
      },

      setSave: (save) => set({ save }),
      setVersion: (version) => set({ version }),
      setCluster: (clusterId) => set({ clusterId }),
      setName: (name) => set({ name }),
      // A setting, not a canvas edit: saved as a revision like one, but not an undo step.
      setSubjectNaming: (subjectNaming) => {
        set({ subjectNaming });
        topologyChanged();
      },

      replaceWith: (d) => {
        const flow = toFlow(d.topology, d.layout);
        lastEdit = null;
        set({ name: d.name, clusterId: d.clusterId, version: d.version, nodes: flow.nodes, edges: flow.edges, subjectNaming: d.topology.subjectNaming, past: [], future: [], save: { state: "saved" } });
      },
    };
  });
}

export type DesignerStore = ReturnType<typeof createDesignerStore>;
export const DesignerStoreContext = createContext<DesignerStore | null>(null);

export function useDesignerStore(): DesignerStore {
  const store = useContext(DesignerStoreContext);
  if (!store) throw new Error("useDesignerStore outside a designer");
  return store;
}

export function useDesigner<T>(selector: (s: DesignerState) => T): T {
  return useStore(useDesignerStore(), selector);
}
