"use client";
import { isMirrorSource } from "@/lib/designs/design-connectors";
import type { ConnectorFlowNode } from "./connector-field-errors";

// A connector node as a viewer reads it (issue 14, item 5): every field as text. The config holds no secret
// (only ${secret:name} references), so it is shown whole.

export function ConnectorDetails({ node }: { node: ConnectorFlowNode }) {
  const d = node.data;
  const rows: [string, string][] = [
    ["Connector name", d.name],
    ["Kafka Connect cluster", d.connectCluster || "the cluster's only one"],
    ["Plugin", d.connectorClass],
    ...(isMirrorSource(d.connectorClass) || d.sourceCluster ? ([["Replicates from cluster", d.sourceCluster]] as [string, string][]) : []),
    ["Description", d.description],
    ...(d.deleteOnApply ? ([["On apply", "deleted (marked for deletion)"]] as [string, string][]) : []),
  ];
  return (
    <div data-testid="connector-details">
      <dl>
        {rows.map(([label, value]) => (
          <div key={label} className="detail-row" data-testid={label === "Connector name" ? "detail-name" : undefined}>
            <dt>{label}</dt>
            <dd>{value || <span className="muted">—</span>}</dd>
          </div>
        ))}
      </dl>
      <h3>Connector config</h3>
      {Object.keys(d.config).length === 0 ? (
        <p className="muted small">No keys beyond the plugin and the topics from its connections.</p>
      ) : (
        <table className="table compact" aria-label="Connector config">
          <tbody>
            {Object.entries(d.config).map(([key, value]) => (
              <tr key={key}>
                <th scope="row" className="mono">
                  {key}
                </th>
                <td className="mono">{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
