"use client";
import type { NodeDrift } from "@/lib/plan/drift";
import { useAnnotations } from "./annotation-store";
import { connectorDriftSummary } from "./connector-drift-summary";
import { ContractDriftList } from "./contract-drift";
import { AccessDriftList } from "./identity-drift";

// How the bound cluster differs from the selected node, in the properties panel (issue 12, item 8): what the
// Plan page says about it, here beside the design, each differing setting with the design's value and the
// cluster's, and why apply refuses what it refuses.

export const DRIFT_LABEL: Record<NodeDrift["status"], string> = {
  "in-sync": "in sync",
  "not-created": "not created",
  drifted: "drifted",
  "marked-for-deletion": "marked for deletion",
  refused: "refused",
  invalid: "invalid",
  "group-exists": "exists",
  "group-missing": "no such group",
  "access-in-sync": "ACLs in sync",
  "access-not-applied": "ACLs not applied",
  "access-removed": "ACL removed",
};

function summary(d: NodeDrift): string {
  switch (d.status) {
    case "in-sync":
      return "The cluster's topic is as designed.";
    case "not-created":
      return "Not in the cluster yet: apply creates it.";
    case "drifted":
      return d.reasons?.length ? "The cluster differs from the design. Apply changes what it can; some of it is refused:" : "The cluster differs from the design; apply changes it to the design's values.";
    case "refused":
      return "Apply refuses to make the cluster's topic as designed:";
    case "invalid":
      return "The design has errors here, so it is not planned:";
    case "marked-for-deletion":
      return "Apply deletes this topic from the cluster (after its name is typed to confirm).";
    case "group-exists":
      return `The group exists on the cluster (${d.details[0] ?? "state unknown"}).`;
    case "group-missing":
      return "No such group on the cluster yet: it appears when a consumer joins.";
    case "access-in-sync":
      return "The cluster has every binding this application needs.";
    case "access-not-applied":
      return "The cluster lacks bindings this application needs: apply creates them.";
    case "access-removed":
      return "Bindings Topiary created for this application were removed from the cluster; apply creates them again:";
  }
}

export function DriftDetails({ nodeId }: { nodeId: string }) {
  const drift = useAnnotations((s) => s.drift?.[nodeId]);
  if (!drift) return null;
  return (
    <section className="drift-details" aria-label="On the cluster" data-testid="drift-details">
      <h3>
        On the cluster <span className={`drift-badge drift-${drift.status}`}>{DRIFT_LABEL[drift.status]}</span>
      </h3>
      <p className="small">{drift.connector ? connectorDriftSummary(drift) : summary(drift)}</p>
      {drift.values && drift.values.length > 0 && (
        <table className="table compact drift-values" aria-label="Design and cluster values">
          <thead>
            <tr>
              <th scope="col">Setting</th>
              <th scope="col">Design</th>
              <th scope="col">Cluster</th>
            </tr>
          </thead>
          <tbody>
            {drift.values.map((v) => (
              <tr key={v.key} className={`drift-${v.apply}`} data-testid={`drift-value-${v.key}`}>
                <th scope="row" className="mono">
                  {v.key}
                  {v.apply === "refused" && <span className="drift-refused-mark"> refused</span>}
                </th>
                <td className="mono">{v.design ?? <span className="muted">not set</span>}</td>
                <td className="mono">{v.cluster ?? <span className="muted">(default)</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {drift.access && <AccessDriftList access={drift.access} />}
      {drift.contract && <ContractDriftList contract={drift.contract} />}
      {drift.reasons && drift.reasons.length > 0 && (
        <ul className="drift-reasons">
          {drift.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
