"use client";
import { Background, Controls, MiniMap, ReactFlow, ReactFlowProvider, useReactFlow, useStore, type ReactFlowState } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useQuery } from "@tanstack/react-query";
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState, type DragEvent } from "react";
import type { ClusterOverview } from "@/lib/clusters/cluster-overview";
import { NODE_KINDS, type NodeKind } from "@/lib/designs/design-schema";
import type { DesignView } from "@/lib/designs/design-views";
import { validateDesign } from "@/lib/designs/validate-design";
import { useCan } from "@/components/auth/me-context";
import { errorMessage, fetchJson } from "@/components/ui/fetch-json";
import { AnnotationStoreContext, createAnnotationStore, useAnnotationStore } from "./annotation-store";
import { toTopology } from "./design-flow";
import { fetchDesign, useDesignDriftQuery } from "./design-queries";
import { createDesignerStore, DesignerStoreContext, useDesigner, useDesignerStore } from "./designer-store";
import { DesignerToolbar } from "./designer-toolbar";
import { edgeTypes } from "./edges";
import { HistoryPanel } from "./history-panel";
import { LiveLagNote, LiveLagPoller } from "./live-lag";
import { nodeTypes } from "./nodes";
import { PALETTE_MIME, Palette } from "./palette";
import { ProblemsPanel } from "./problems-panel";
import { PropertiesPanel } from "./properties-panel";
import { RemoteSaves } from "./remote-saves";
import { useAutosave } from "./use-autosave";

const isNodeKind = (k: string): k is NodeKind => (NODE_KINDS as readonly string[]).includes(k);
// Stable props: React Flow re-renders its internals when a prop changes identity, which costs frames on big designs.
const DELETE_KEYS = ["Delete", "Backspace"];
const MULTI_SELECTION_KEYS = ["Shift", "Meta", "Control"];
const FIT_VIEW_OPTIONS = { maxZoom: 1 };
const PRO_OPTIONS = { hideAttribution: true };
/** Below this zoom node text is unreadable anyway; hiding it keeps panning and dragging cheap on big designs. */
const FAR_ZOOM = 0.4;
const isFar = (s: ReactFlowState) => s.transform[2] < FAR_ZOOM;

function isTyping(target: EventTarget | null) {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable);
}

/** Validation runs on a deferred copy of the topology, so typing and dragging stay smooth on big designs. */
function useProblems(brokerCount: number | null) {
  const store = useDesignerStore();
  const topologyRev = useDesigner((s) => s.topologyRev);
  const deferredRev = useDeferredValue(topologyRev);
  const problems = useMemo(() => {
    const { nodes, edges } = store.getState();
    return validateDesign(toTopology(nodes, edges), { brokerCount });
    // deferredRev is the trigger: the store is read inside, not through a dependency.
  }, [store, deferredRev, brokerCount]);
  const annotations = useAnnotationStore();
  useEffect(() => annotations.getState().setProblems(problems), [annotations, problems]);
  return problems;
}

/** The React Flow canvas: the only part that re-renders on every drag frame. */
function FlowCanvas({ onAddRef, readOnly }: { onAddRef: (add: (kind: NodeKind) => void, focus: (id: string) => void) => void; readOnly: boolean }) {
  const store = useDesignerStore();
  const flow = useReactFlow();
  const nodes = useDesigner((s) => s.nodes);
  const edges = useDesigner((s) => s.edges);
  const onNodesChange = useDesigner((s) => s.onNodesChange);
  const onEdgesChange = useDesigner((s) => s.onEdgesChange);
  const connect = useDesigner((s) => s.connect);
  const checkConnection = useDesigner((s) => s.checkConnection);
  const connectHint = useDesigner((s) => s.connectHint);
  const [dragging, setDragging] = useState(false);
  const far = useStore(isFar);
  const onConnectStart = useCallback(() => setDragging(true), []);
  const onConnectEnd = useCallback(() => {
    setDragging(false);
    store.getState().setConnectHint(null);
  }, [store]);
  // While a node is dragged, nothing else on the canvas needs to answer the pointer (CSS: .node-dragging): set
  // on the element directly, so starting and ending a drag re-renders nothing.
  const canvasRef = useRef<HTMLDivElement>(null);
  const onNodeDragStart = useCallback(() => {
    canvasRef.current?.classList.add("node-dragging");
    store.getState().beginDrag();
  }, [store]);
  const onNodeDragStop = useCallback(() => canvasRef.current?.classList.remove("node-dragging"), []);
  const onBeforeDelete = useCallback(async () => {
    store.getState().beforeDelete();
    return true;
  }, [store]);

  useEffect(() => {
    onAddRef(
      (kind) => {
        const el = document.querySelector(".designer-canvas")?.getBoundingClientRect();
        const at = flow.screenToFlowPosition({ x: (el?.left ?? 0) + (el?.width ?? 800) / 2, y: (el?.top ?? 0) + (el?.height ?? 600) / 2 });
        // Step down from the centre until the spot is free, so added nodes do not stack on each other.
        const pos = { x: at.x - 110, y: at.y - 36 };
        const taken = (p: { x: number; y: number }) => store.getState().nodes.some((n) => Math.abs(n.position.x - p.x) < 60 && Math.abs(n.position.y - p.y) < 40);
        for (let i = 0; i < 30 && taken(pos); i++) pos.y += 90;
        store.getState().addNode(kind, pos);
      },
      (id) => {
        store.getState().selectOnly(id);
        void flow.fitView({ nodes: [{ id }], duration: 300, maxZoom: 1.2 });
      },
    );
  }, [flow, store, onAddRef]);

  const onDrop = (e: DragEvent) => {
    const kind = e.dataTransfer.getData(PALETTE_MIME);
    if (readOnly || !isNodeKind(kind)) return;
    e.preventDefault();
    const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
    store.getState().addNode(kind, { x: p.x - 110, y: p.y - 36 });
  };

  return (
    <div ref={canvasRef} className={far ? "designer-canvas far" : "designer-canvas"} onDragOver={(e) => e.preventDefault()} onDrop={onDrop} data-testid="canvas">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={connect}
        isValidConnection={checkConnection}
        onConnectStart={onConnectStart}
        onConnectEnd={onConnectEnd}
        onNodeDragStart={onNodeDragStart}
        onNodeDragStop={onNodeDragStop}
        onBeforeDelete={onBeforeDelete}
        // Read-only: nodes can still be selected (the properties panel shows them), not moved, wired or deleted.
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        deleteKeyCode={readOnly ? null : DELETE_KEYS}
        multiSelectionKeyCode={MULTI_SELECTION_KEYS}
        fitView
        fitViewOptions={FIT_VIEW_OPTIONS}
        minZoom={0.05}
        maxZoom={2}
        proOptions={PRO_OPTIONS}
        // Follows prefers-color-scheme; the canvas' colours are app/globals.css's palette (designer rules).
        colorMode="system"
      >
        <Background gap={20} />
        <MiniMap pannable zoomable ariaLabel="Minimap" />
        {/* Its lock button would switch dragging and wiring back on. */}
        <Controls showInteractive={!readOnly} />
      </ReactFlow>
      <LiveLagNote />
      {dragging && connectHint && (
        <div className="connect-hint" role="status" data-testid="connect-hint">
          {connectHint}
        </div>
      )}
    </div>
  );
}

function Shell() {
  const store = useDesignerStore();
  const flow = useReactFlow();
  const save = useDesigner((s) => s.save);
  const clusterId = useDesigner((s) => s.clusterId);
  const [historyOpen, setHistoryOpen] = useState(false);
  // Changing a design needs the editor role on the cluster it is bound to (on some cluster when unbound);
  // below that it opens read-only and nothing is saved.
  const readOnly = !useCan("designs:write", clusterId);
  const { retry } = useAutosave(store, !readOnly);
  const [actions] = useState(() => ({ add: (_: NodeKind) => {}, focus: (_: string) => {} }));
  const registerActions = useCallback(
    (add: (kind: NodeKind) => void, focus: (id: string) => void) => Object.assign(actions, { add, focus }),
    [actions],
  );

  const overview = useQuery({
    queryKey: ["clusters", "overview", clusterId],
    queryFn: ({ signal }) => fetchJson<ClusterOverview>(`/api/clusters/${clusterId}/overview`, signal),
    enabled: !!clusterId,
    staleTime: 60_000,
  });
  const brokerCount = clusterId && overview.data ? overview.data.brokers.length : null;
  const problems = useProblems(brokerCount);
  const designId = useDesigner((s) => s.designId);
  const version = useDesigner((s) => s.version);
  const drift = useDesignDriftQuery(designId, clusterId, version);
  const annotations = useAnnotationStore();
  useEffect(() => annotations.getState().setDrift(clusterId && drift.data ? drift.data.nodes : null), [annotations, clusterId, drift.data]);
  const onAdd = useCallback((kind: NodeKind) => actions.add(kind), [actions]);
  const onFocus = useCallback((id: string) => actions.focus(id), [actions]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target)) return;
      const s = store.getState();
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      const edits = (mod && (key === "z" || key === "y" || key === "v")) || (!mod && e.shiftKey && key === "l");
      if (readOnly && edits) return;
      if (mod && key === "z" && !e.shiftKey) s.undo();
      else if (mod && ((key === "z" && e.shiftKey) || key === "y")) s.redo();
      else if (mod && key === "c") s.copySelection();
      else if (mod && key === "v") s.paste();
      else if (mod && key === "a") s.selectAll();
      else if (!mod && e.shiftKey && key === "l") void s.layout();
      else if (!mod && e.shiftKey && key === "f") void flow.fitView({ duration: 300 });
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [store, flow, readOnly]);

  const reload = async () => store.getState().replaceWith(await fetchDesign(store.getState().designId));

  return (
    <div className="designer">
      <DesignerToolbar
        onToggleHistory={() => setHistoryOpen((o) => !o)}
        onRetry={retry}
        readOnly={readOnly}
        brokerCount={brokerCount}
        drift={{ refresh: () => void drift.refetch(), fetching: drift.isFetching, error: drift.error ? errorMessage(drift.error) : null, checkedAt: drift.data?.checkedAt ?? null }}
      />
      {readOnly && (
        <div className="banner designer-banner" role="note" data-testid="design-read-only">
          Read-only: changing this design needs the editor role on {clusterId ? "the cluster it is bound to" : "a cluster"}.
        </div>
      )}
      {save.state === "conflict" && (
        <div className="banner error designer-banner" role="alert" data-testid="conflict-banner">
          {save.message} Your edits since then are not saved.{" "}
          <button type="button" className="small" onClick={() => void reload()}>
            Reload the newest version
          </button>
        </div>
      )}
      {save.state === "failed" && (
        <div className="banner error designer-banner" role="alert">
          Saving failed: {save.message}
        </div>
      )}
      {/* Without the palette (read-only) the canvas takes its column: a viewer sees the whole graph. */}
      <div className={readOnly ? "designer-body read-only" : "designer-body"} data-testid="designer-body">
        {!readOnly && <Palette onAdd={onAdd} />}
        <FlowCanvas onAddRef={registerActions} readOnly={readOnly} />
        {historyOpen ? <HistoryPanel onClose={() => setHistoryOpen(false)} readOnly={readOnly} /> : <PropertiesPanel readOnly={readOnly} />}
      </div>
      <ProblemsPanel problems={problems} onFocus={onFocus} />
      <LiveLagPoller />
      <RemoteSaves />
    </div>
  );
}

export function Designer({ design }: { design: DesignView }) {
  const [store] = useState(() => createDesignerStore(design));
  const [annotations] = useState(() => createAnnotationStore());
  return (
    <DesignerStoreContext.Provider value={store}>
      <AnnotationStoreContext.Provider value={annotations}>
        <ReactFlowProvider>
          <Shell />
        </ReactFlowProvider>
      </AnnotationStoreContext.Provider>
    </DesignerStoreContext.Provider>
  );
}
