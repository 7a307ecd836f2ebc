"use client";
import type { ConnectorPlan } from "@/lib/plan/connector-plan-types";
import type { Plan } from "@/lib/plan/plan-types";
import { PlanTable } from "./plan-table";
import { RefusalsAndWarnings } from "./refusals-and-warnings";

// The connectors' part of the plan page (issue 14, item 6): each connector to create, change or delete with its
// keys before → after (secrets as references or masked), what is refused and why, the names to type for
// deletions, and the connectors apply never touches.

const STATUS_LABEL: Record<ConnectorPlan["status"], string> = { create: "create", update: "change", "in-sync": "in sync", delete: "delete", refused: "refused", invalid: "invalid" };

/** The connectors' share of the plan summary ("" when the design has none). */
export function connectorSummary(p: Plan): string {
  const all = p.connectors ?? [];
  if (!all.length) return "";
  const changes = all.filter((c) => c.change).length;
  const refused = all.filter((c) => c.status === "refused" || c.status === "invalid").length;
  return [changes ? `${changes} of the changes to connectors.` : "", `${all.length - changes - refused} connector(s) in sync.`, refused ? `${refused} connector(s) refused.` : ""].filter(Boolean).join(" ");
}

/** True when every connector deletion has its name typed. */
export const connectorDeletionsConfirmed = (p: Plan, confirm: Record<string, string>) => (p.connectorDeletions ?? []).every((n) => confirm[n] === n);

function KeyRows({ c }: { c: ConnectorPlan }) {
  const keys = c.change && c.change.kind !== "deleteConnector" ? c.change.keys : [];
  if (!keys.length) return null;
  return (
    <PlanTable label={`Configuration of ${c.connector}`} columns={["Key", "Before", "After"]}>
      {keys.map((k) => (
        <tr key={k.key} data-testid={`plan-connector-key-${k.key}`}>
          <td>
            <code>{k.key}</code>
          </td>
          <td className={k.before === null ? "muted" : "diff-remove"}>{k.before ?? "—"}</td>
          <td className={k.after === null ? "muted" : "diff-add"}>{k.after ?? "(removed)"}</td>
        </tr>
      ))}
    </PlanTable>
  );
}

export function ConnectorPlanSection({
  plan,
  confirm,
  onConfirm,
  mayApply,
}: {
  plan: Plan;
  confirm: Record<string, string>;
  onConfirm: (name: string, typed: string) => void;
  mayApply: boolean;
}) {
  const all = plan.connectors ?? [];
  if (!all.length) return null;
  const changed = all.filter((c) => c.status !== "in-sync" || c.warnings.length);
  const inSync = all.filter((c) => c.status === "in-sync");
  const unmanaged = plan.unmanagedConnectors ?? [];
  return (
    <>
      {changed.map((c) => (
        <section key={c.nodeId} className="card plan-topic" data-testid={`plan-connector-${c.connector}`}>
          <h2>
            <code>{c.connector || "(unnamed connector)"}</code> <span className={`badge plan-${c.status}`}>{STATUS_LABEL[c.status]}</span>{" "}
            <span className="muted small">
              {c.type} connector {c.className} on {c.connect || "?"}
              {c.state ? ` · ${c.state}` : ""}
            </span>
          </h2>
          {c.status === "create" && <p className="small">Created on Kafka Connect; apply waits until it and its tasks are RUNNING.</p>}
          <KeyRows c={c} />
          <RefusalsAndWarnings refusals={c.refusals} warnings={c.warnings} />
          {c.status === "delete" && mayApply && (
            <label className="confirm-delete">
              Type <strong>{c.connector}</strong> to confirm deleting this connector
              <input value={confirm[c.connector] ?? ""} onChange={(e) => onConfirm(c.connector, e.target.value)} aria-label={`Confirm deletion of connector ${c.connector}`} />
            </label>
          )}
        </section>
      ))}
      {inSync.length > 0 && (
        <details className="card">
          <summary>{inSync.length} connector(s) in sync</summary>
          <p>{inSync.map((c) => c.connector).join(", ")}</p>
        </details>
      )}
      {unmanaged.length > 0 && (
        <details className="card">
          <summary>{unmanaged.length} connector(s) on the design&apos;s Connect clusters not managed by it (never touched)</summary>
          <p className="small">{unmanaged.map((u) => `${u.name} (${u.connect})`).join(", ")}</p>
        </details>
      )}
    </>
  );
}
