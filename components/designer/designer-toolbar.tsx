"use client";
import { useReactFlow } from "@xyflow/react";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import type { ClusterView } from "@/lib/clusters/cluster-schema";
import { asyncApiToYaml, topologyToAsyncApi } from "@/lib/designs/asyncapi-export";
import { DESIGN_FILE_FORMAT, DESIGN_FILE_VERSION } from "@/lib/designs/design-schema";
import { downloadText } from "@/components/ui/download";
import { fetchJson } from "@/components/ui/fetch-json";
import { bindDesignAction } from "@/server/actions/design-actions";
import { toLayout, toTopology, useDesigner, useDesignerStore } from "./designer-store";

const fileBase = (name: string) => name.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-|-$/g, "") || "design";

const SAVE_LABEL = { saved: "Saved", dirty: "Unsaved changes", saving: "Saving…", failed: "Save failed", conflict: "Changed elsewhere" } as const;

export interface DriftControls {
  refresh: () => void;
  fetching: boolean;
  error: string | null;
  checkedAt: string | null;
}

export function DesignerToolbar({
  onToggleHistory,
  onRetry,
  readOnly,
  brokerCount,
  drift,
}: {
  onToggleHistory: () => void;
  onRetry: () => void;
  /** Without designs:write on the bound cluster: no editing tools, no rebinding. */
  readOnly: boolean;
  brokerCount: number | null;
  drift: DriftControls;
}) {
  const store = useDesignerStore();
  const flow = useReactFlow();
  const name = useDesigner((s) => s.name);
  const save = useDesigner((s) => s.save);
  const canUndo = useDesigner((s) => s.past.length > 0);
  const canRedo = useDesigner((s) => s.future.length > 0);
  const hasSelection = useDesigner((s) => s.nodes.some((n) => n.selected) || s.edges.some((e) => e.selected));
  const canPaste = useDesigner((s) => !!s.clipboard?.nodes.length);
  const clusterId = useDesigner((s) => s.clusterId);
  const clusters = useQuery({ queryKey: ["clusters", "list"], queryFn: ({ signal }) => fetchJson<ClusterView[]>("/api/clusters", signal) });

  const s = () => store.getState();
  const exportJson = () => {
    const { nodes, edges } = s();
    const file = { format: DESIGN_FILE_FORMAT, version: DESIGN_FILE_VERSION, name, topology: toTopology(nodes, edges), layout: toLayout(nodes) };
    downloadText(`${fileBase(name)}.topiary.json`, JSON.stringify(file, null, 2), "application/json");
  };
  const exportAsyncApi = () => {
    const { nodes, edges } = s();
    const bootstrap = clusters.data?.find((c) => c.id === clusterId)?.bootstrapServers;
    downloadText(`${fileBase(name)}.asyncapi.yaml`, asyncApiToYaml(topologyToAsyncApi(name, toTopology(nodes, edges), { bootstrapServers: bootstrap })), "application/yaml");
  };
  const bind = async (id: string) => {
    const r = await bindDesignAction({ id: s().designId, clusterId: id || null });
    if (r.ok) s().setCluster(r.data.clusterId);
  };

  return (
    <div className="designer-toolbar" role="toolbar" aria-label="Design tools">
      <strong className="design-name">{name}</strong>
      {readOnly ? (
        <>
          <span className="badge">read-only</span>
          <span className="sep" />
        </>
      ) : (
        <>
          <span className={`save-state ${save.state}`} data-testid="save-state" title={save.message} aria-live="polite">
            {SAVE_LABEL[save.state]}
          </span>
          {save.state === "failed" && (
            <button type="button" className="secondary small" onClick={onRetry}>
              Retry
            </button>
          )}
          <span className="sep" />
          <button type="button" className="secondary small" onClick={() => s().undo()} disabled={!canUndo} title="Undo (Ctrl+Z)">
            Undo
          </button>
          <button type="button" className="secondary small" onClick={() => s().redo()} disabled={!canRedo} title="Redo (Ctrl+Shift+Z)">
            Redo
          </button>
          <button type="button" className="secondary small" onClick={() => s().copySelection()} disabled={!hasSelection} title="Copy (Ctrl+C)">
            Copy
          </button>
          <button type="button" className="secondary small" onClick={() => s().paste()} disabled={!canPaste} title="Paste (Ctrl+V)">
            Paste
          </button>
          <button type="button" className="secondary small" onClick={() => s().deleteSelected()} disabled={!hasSelection} title="Delete (Delete key)">
            Delete
          </button>
          <span className="sep" />
          <button
            type="button"
            className="secondary small"
            title="Lay out left to right (Shift+L)"
            onClick={() => {
              s().layout();
              requestAnimationFrame(() => void flow.fitView({ duration: 300 }));
            }}
          >
            Auto layout
          </button>
        </>
      )}
      <button type="button" className="secondary small" onClick={() => void flow.fitView({ duration: 300 })} title="Fit view (Shift+F)">
        Fit view
      </button>
      <span className="sep" />
      {readOnly ? (
        <span className="small">
          Cluster <strong>{clusterId ? (clusters.data?.find((c) => c.id === clusterId)?.name ?? "…") : "not bound"}</strong>
        </span>
      ) : (
        <label className="bind">
          Cluster
          <select value={clusterId ?? ""} onChange={(e) => void bind(e.target.value)} aria-label="Bound cluster">
            <option value="">not bound</option>
            {clusters.data?.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {brokerCount !== null && <span className="muted small">{brokerCount} broker{brokerCount === 1 ? "" : "s"}</span>}
      {clusterId && (
        <>
          <button type="button" className="secondary small" onClick={drift.refresh} disabled={drift.fetching} title={drift.checkedAt ? `Drift read ${new Date(drift.checkedAt).toLocaleTimeString()}` : undefined}>
            {drift.fetching ? "Checking…" : "Refresh drift"}
          </button>
          {drift.error && (
            <span className="error small" role="alert" title={drift.error}>
              drift unknown
            </span>
          )}
          <Link className="button-link small primary" href={`/designs/${store.getState().designId}/plan`}>
            Plan &amp; apply
          </Link>
        </>
      )}
      <span className="grow" />
      <button type="button" className="secondary small" onClick={exportJson}>
        Export JSON
      </button>
      <button type="button" className="secondary small" onClick={exportAsyncApi}>
        Export AsyncAPI
      </button>
      <button type="button" className="secondary small" onClick={onToggleHistory}>
        History
      </button>
    </div>
  );
}
