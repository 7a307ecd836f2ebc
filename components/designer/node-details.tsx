"use client";
import type { ReactNode } from "react";
import type { SchemaSpec } from "@/lib/contracts/contract-schema";
import { humanConfigValue } from "@/lib/topics/config-units";
import { useAnnotations } from "./annotation-store";
import { ConnectorDetails } from "./connector-details";
import { schemaStatus } from "./contract-summary";
import type { FlowNode } from "./design-flow";
import { IdentityDetails } from "./identity-details";

// The selected node as a viewer sees it (issue 12, item 1): every field as text, not as disabled inputs, which
// are hard to read and cannot be selected to copy. Editors get the form (properties-panel.tsx).

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  const empty = children === "" || children === null || children === undefined;
  return (
    <div className="detail-row" data-testid={testId}>
      <dt>{label}</dt>
      <dd>{empty ? <span className="muted">—</span> : children}</dd>
    </div>
  );
}

function Schema({ label, spec }: { label: string; spec: SchemaSpec }) {
  const status = schemaStatus(spec);
  return (
    <div className="detail-schema">
      <div className="small">
        <strong>{label}</strong> <span className={status.ok ? "muted" : "error"}>{status.text}</span>
      </div>
      <pre className="payload-body">{spec.text}</pre>
    </div>
  );
}

function NodeProblems({ nodeId }: { nodeId: string }) {
  const problems = useAnnotations((s) => s.problemsByNode.get(nodeId));
  if (!problems?.length) return null;
  return (
    <ul className="node-problems" aria-label="Problems of this node">
      {problems.map((p) => (
        <li key={p.message} className={p.severity === "error" ? "error" : "warn-text"}>
          {p.message}
        </li>
      ))}
    </ul>
  );
}

export function NodeDetails({ node }: { node: FlowNode }) {
  return (
    <div className="node-details" data-testid="node-details">
      <NodeProblems nodeId={node.id} />
      <dl>
        {node.type === "topic" && (
          <>
            <Row label="Topic name" testId="detail-name">{node.data.name}</Row>
            <Row label="Partitions">{node.data.partitions}</Row>
            <Row label="Replication factor">{node.data.replicationFactor}</Row>
            <Row label="Description">{node.data.description}</Row>
            {node.data.deleteOnApply && <Row label="On apply">deleted (marked for deletion)</Row>}
            {node.data.addressPattern !== undefined && <Row label="Address pattern (AsyncAPI)">{node.data.addressPattern}</Row>}
          </>
        )}
        {node.type === "consumerGroup" && (
          <>
            <Row label="Group id" testId="detail-name">{node.data.groupId}</Row>
            <Row label="Application">{node.data.appName}</Row>
            <Row label="Description">{node.data.description}</Row>
          </>
        )}
        {node.type === "producer" && (
          <>
            <Row label="Application" testId="detail-name">{node.data.appName}</Row>
            <Row label="Client id">{node.data.clientId}</Row>
            <Row label="Expected rate">{node.data.rate === null ? "" : `${node.data.rate} messages/s`}</Row>
            <Row label="Description">{node.data.description}</Row>
          </>
        )}
        {node.type === "processor" && (
          <>
            <Row label="Application" testId="detail-name">{node.data.appName}</Row>
            <Row label="Consumer group id">{node.data.groupId}</Row>
            <Row label="Client id">{node.data.clientId}</Row>
            <Row label="Description">{node.data.description}</Row>
          </>
        )}
      </dl>
      <IdentityDetails node={node} />
      {(node.type === "sourceConnector" || node.type === "sinkConnector") && <ConnectorDetails node={node} />}
      {node.type === "producer" && node.data.examplePayload && (
        <>
          <h3>Example payload</h3>
          <pre className="payload-body">{node.data.examplePayload}</pre>
        </>
      )}
      {node.type === "topic" && (
        <>
          <h3>Topic configs</h3>
          {Object.keys(node.data.configs).length === 0 ? (
            <p className="muted small">None: the broker&apos;s defaults apply.</p>
          ) : (
            <table className="table compact" aria-label="Topic configs">
              <tbody>
                {Object.entries(node.data.configs).map(([key, value]) => {
                  const human = humanConfigValue(key, value);
                  return (
                    <tr key={key}>
                      <th scope="row" className="mono">
                        {key}
                      </th>
                      <td className="mono">
                        {value}
                        {human && <span className="muted"> ({human})</span>}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          <h3>Contract</h3>
          {node.data.contract ? (
            <>
              <Schema label="Value" spec={node.data.contract.value} />
              {node.data.contract.key && <Schema label="Key" spec={node.data.contract.key} />}
            </>
          ) : (
            <p className="muted small">No message schema.</p>
          )}
        </>
      )}
    </div>
  );
}
