"use client";
import { useReactFlow } from "@xyflow/react";
import Link from "next/link";
import { ASYNCAPI_EXPORT_VERSIONS, asyncApiToYaml, topologyToAsyncApi, type AsyncApiExportVersion } from "@/lib/designs/asyncapi-export";
import { DESIGN_FILE_FORMAT, DESIGN_FILE_VERSION } from "@/lib/designs/design-schema";
import { useCan } from "@/components/auth/me-context";
import { ClusterOptions } from "@/components/clusters/cluster-options";
import { useClustersQuery } from "@/components/clusters/cluster-queries";
import { downloadText } from "@/components/ui/download";
import { bindDesignAction } from "@/server/actions/design-actions";
import { DesignTitle } from "./design-title";
import { toLayout, toTopology } from "./design-flow";
import { useDesigner, useDesignerStore } from "./designer-store";
import { ToolbarMenu } from "./toolbar-menu";
import { ConformancePoller } from "./conformance-queries";

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
  const layingOut = useDesigner((s) => s.layingOut);
  const layoutError = useDesigner((s) => s.layoutError);
  // Planning is an editor's step: the link is not offered to whoever cannot plan on the bound cluster.
  const mayPlan = useCan("designs:write", clusterId);
  const clusters = useClustersQuery();

  const brokers = brokerCount === null ? null : `${brokerCount} broker${brokerCount === 1 ? "" : "s"}`;
  const s = () => store.getState();
  const exportJson = () => {
    const { nodes, edges, subjectNaming } = s();
    const file = { format: DESIGN_FILE_FORMAT, version: DESIGN_FILE_VERSION, name, topology: toTopology(nodes, edges, { subjectNaming }), layout: toLayout(nodes) };
    downloadText(`${fileBase(name)}.topiary.json`, JSON.stringify(file, null, 2), "application/json");
  };
  const exportAsyncApi = (version: AsyncApiExportVersion) => {
    const { nodes, edges, subjectNaming } = s();
    const bootstrap = clusters.data?.find((c) => c.id === clusterId)?.bootstrapServers;
    const doc = topologyToAsyncApi(name, toTopology(nodes, edges, { subjectNaming }), { bootstrapServers: bootstrap, version });
    downloadText(`${fileBase(name)}.asyncapi.yaml`, asyncApiToYaml(doc), "application/yaml");
  };
  const bind = async (id: string) => {
    const r = await bindDesignAction({ id: s().designId, clusterId: id || null });
    if (r.ok) s().setCluster(r.data.clusterId);
  };

  // One line at 1440 px with a cluster bound (issue 12, item 18): exports sit in a menu, labels are short.
  return (
    <div className="designer-toolbar" role="toolbar" aria-label="Design tools">
      <ConformancePoller />
      <DesignTitle readOnly={readOnly} />
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
            title={layoutError ? `The last layout failed: ${layoutError}` : "Lay out left to right (Shift+L)"}
            disabled={layingOut}
            data-testid="auto-layout"
            onClick={() => void s().layout().then(() => requestAnimationFrame(() => void flow.fitView({ duration: 300 })))}
          >
            {layingOut ? "Laying out…" : "Auto layout"}
          </button>
        </>
      )}
      <button type="button" className="secondary small" onClick={() => void flow.fitView({ duration: 300 })} title="Fit view (Shift+F)">
        Fit view
      </button>
      <span className="sep" />
      {/* The broker count (what replication factors are checked against) is the cluster's tooltip: room for one line. */}
      {readOnly ? (
        <span className="small" title={brokers ?? undefined}>
          Cluster <strong>{clusterId ? (clusters.data?.find((c) => c.id === clusterId)?.name ?? "…") : "not bound"}</strong>
        </span>
      ) : (
        <label className="bind" title={brokers ?? undefined}>
          Cluster
          <select value={clusterId ?? ""} onChange={(e) => void bind(e.target.value)} aria-label="Bound cluster">
            <option value="">not bound</option>
            <ClusterOptions clusters={clusters.data} />
          </select>
        </label>
      )}
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
          {mayPlan && (
            <Link className="button-link small primary" href={`/designs/${store.getState().designId}/plan`}>
              Plan &amp; apply
            </Link>
          )}
        </>
      )}
      <span className="grow" />
      <button type="button" className="secondary small" onClick={onToggleHistory}>
        History
      </button>
      <ToolbarMenu label="Export" title="Download the design as a file">
        <button type="button" role="menuitem" onClick={exportJson} title="Topiary's own format: topology and layout">
          Export JSON
        </button>
        {ASYNCAPI_EXPORT_VERSIONS.map((v) => (
          <button key={v} type="button" role="menuitem" onClick={() => exportAsyncApi(v)} title={`Contracts as message payloads${v === ASYNCAPI_EXPORT_VERSIONS[0] ? "" : "; for tools that read only 3.0"}`}>
            Export AsyncAPI {v.replace(/\.0$/, "")}
          </button>
        ))}
      </ToolbarMenu>
    </div>
  );
}
