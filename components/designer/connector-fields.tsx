"use client";
import { useMemo } from "react";
import { shortClassName } from "@/lib/connect/filter-connectors";
import { secretRef } from "@/lib/connect/secret-refs";
import { isMirrorSource, mirrorAlias } from "@/lib/designs/design-connectors";
import { useClustersQuery } from "@/components/clusters/cluster-queries";
import { useConnectSecretsQuery } from "@/components/connect/connect-secret-queries";
import { useAnnotations } from "./annotation-store";
import { ConnectorConfigEditor } from "./connector-config-editor";
import { ConnectorFieldErrors, type ConnectorFlowNode } from "./connector-field-errors";
import { useBoundConnectClustersQuery, useConnectorValidationQuery } from "./connector-queries";
import { useDesigner, type DesignerState } from "./designer-store";

// A connector node's properties (issue 14, items 5 and 8): name, Connect cluster, plugin, config (secrets as
// ${secret:name}), MirrorMaker's source cluster. Local checks come from the designer's validation; when the design
// is bound to a cluster with Kafka Connect, Connect checks the config with the plugin's own definition and each
// error shows under its field.

/** The names of the topics the node reads and writes, as one stable text (re-rendered only when they change). */
function topicsOf(id: string) {
  return (s: DesignerState) => {
    const names = new Map(s.nodes.flatMap((n) => (n.type === "topic" ? [[n.id, n.data.name] as const] : [])));
    const reads = s.edges.filter((e) => e.target === id && names.has(e.source)).map((e) => names.get(e.source)!);
    const writes = s.edges.filter((e) => e.source === id && names.has(e.target)).map((e) => names.get(e.target)!);
    return JSON.stringify({ reads: reads.sort(), writes: writes.sort() });
  };
}

export function ConnectorFields({ node }: { node: ConnectorFlowNode }) {
  const update = useDesigner((s) => s.updateNodeData);
  const designId = useDesigner((s) => s.designId);
  const clusterId = useDesigner((s) => s.clusterId);
  const topicsText = useDesigner(useMemo(() => topicsOf(node.id), [node.id]));
  const topics = useMemo(() => JSON.parse(topicsText) as { reads: string[]; writes: string[] }, [topicsText]);
  const local = useAnnotations((s) => s.problemsByNode.get(node.id));
  const connects = useBoundConnectClustersQuery(clusterId);
  const secrets = useConnectSecretsQuery(clusterId);
  const mirror = isMirrorSource(node.data.connectorClass);
  const clusters = useClustersQuery();
  const validation = useConnectorValidationQuery({ designId, node: { kind: node.type, data: node.data }, topics }, clusterId, !node.data.deleteOnApply);
  const remote = validation.data?.errors;
  const d = node.data;
  const kind = node.type === "sourceConnector" ? "source" : "sink";
  const chosen = connects.data?.find((c) => c.name === d.connectCluster) ?? (connects.data?.length === 1 ? connects.data[0] : undefined);
  const plugins = (chosen?.info?.plugins ?? []).filter((p) => p.type === kind || p.type === "unknown");
  const listId = `plugins-${node.id}`;

  return (
    <div className="connector-fields" data-testid="connector-fields">
      <label>
        Connector name
        <input value={d.name} onChange={(e) => update(node.id, { name: e.target.value })} spellCheck={false} />
      </label>
      <ConnectorFieldErrors local={local} remote={remote} field="name" />
      <label>
        Kafka Connect cluster
        {clusterId && connects.data ? (
          <select value={d.connectCluster} onChange={(e) => update(node.id, { connectCluster: e.target.value })}>
            <option value="">{connects.data.length === 1 ? `${connects.data[0].name} (the cluster's only one)` : "choose…"}</option>
            {connects.data.map((c) => (
              <option key={c.id} value={c.name}>
                {c.name}
              </option>
            ))}
            {d.connectCluster && !connects.data.some((c) => c.name === d.connectCluster) && <option value={d.connectCluster}>{d.connectCluster} (not on this cluster)</option>}
          </select>
        ) : (
          <input value={d.connectCluster} onChange={(e) => update(node.id, { connectCluster: e.target.value })} placeholder="its name on the bound cluster" spellCheck={false} />
        )}
      </label>
      <ConnectorFieldErrors local={local} remote={remote} field="connectCluster" />
      <label>
        Plugin (connector.class)
        <input list={listId} value={d.connectorClass} onChange={(e) => update(node.id, { connectorClass: e.target.value.trim() })} placeholder={kind === "source" ? "FileStreamSource" : "FileStreamSink"} spellCheck={false} />
        <datalist id={listId}>
          {plugins.map((p) => (
            <option key={p.className} value={p.className}>
              {shortClassName(p.className)}
            </option>
          ))}
        </datalist>
      </label>
      <ConnectorFieldErrors local={local} remote={remote} field="connectorClass" />
      {(mirror || d.sourceCluster) && (
        <>
          <label>
            Replicates from cluster
            <select value={d.sourceCluster} onChange={(e) => update(node.id, { sourceCluster: e.target.value })}>
              <option value="">choose…</option>
              {(clusters.data ?? []).map((c) => (
                <option key={c.id} value={c.name}>
                  {c.name}
                </option>
              ))}
              {d.sourceCluster && !clusters.data?.some((c) => c.name === d.sourceCluster) && <option value={d.sourceCluster}>{d.sourceCluster}</option>}
            </select>
          </label>
          {mirror && d.sourceCluster && (
            <p className="muted small" data-testid="mirror-hint">
              Its address and credentials come from Topiary at apply. Replicas are named <code>{mirrorAlias(d)}.&lt;topic&gt;</code>: connect it to those topics.
            </p>
          )}
          <ConnectorFieldErrors local={local} remote={remote} field="sourceCluster" />
        </>
      )}
      <p className="muted small">
        {kind === "sink" ? `Reads: ${topics.reads.join(", ") || "no topic yet (connect topics to it)"}` : `Writes: ${topics.writes.join(", ") || "no topic yet (connect it to topics)"}`}
      </p>
      <ConnectorFieldErrors local={local} remote={remote} field="topics" />
      <ConnectorConfigEditor node={node} local={local} remote={remote} keys={validation.data?.keys ?? []} secretNames={(secrets.data ?? []).map((s) => s.name)} />
      <p className="muted small" role="status" data-testid="connector-validation">
        {validation.data?.unavailable ??
          (validation.isFetching ? "Kafka Connect is checking…" : validation.data?.connect ? `Checked by Kafka Connect "${validation.data.connect}".` : clusterId ? "" : "Not bound to a cluster: local checks only.")}
      </p>
      <p className="muted small">
        Secrets: write <code>{secretRef("name")}</code>; values live in the cluster&apos;s Connect secrets{secrets.data?.length ? ` (${secrets.data.map((s) => s.name).join(", ")})` : ""}.
      </p>
      <label>
        Description
        <textarea rows={3} value={d.description} onChange={(e) => update(node.id, { description: e.target.value })} />
      </label>
      <label className="check">
        <input type="checkbox" checked={d.deleteOnApply} onChange={(e) => update(node.id, { deleteOnApply: e.target.checked })} />
        Delete on apply
      </label>
    </div>
  );
}
