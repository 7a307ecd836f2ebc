"use client";
import Link from "next/link";
import { Fragment, useState } from "react";
import type { Change, TopicPlan } from "@/lib/plan/plan-types";
import { useCan } from "@/components/auth/me-context";
import { errorMessage } from "@/components/ui/fetch-json";
import { AccessPlanSection, accessDeletionsConfirmed, changeSummary, confirmedPrincipals } from "./access-plan";
import { ApplySteps } from "./apply-steps";
import { ConnectorPlanSection, connectorDeletionsConfirmed, connectorSummary } from "./connector-plan";
import { ContractPlanSection, contractSummary } from "./contract-plan";
import { useApplyPlanMutation, usePlanQuery, type ApplyOutcome } from "./plan-queries";
import { PlanTable } from "./plan-table";
import { RefusalsAndWarnings } from "./refusals-and-warnings";

const STATUS_LABEL: Record<TopicPlan["status"], string> = {
  create: "create",
  update: "change",
  "in-sync": "in sync",
  delete: "delete",
  refused: "refused",
  invalid: "invalid",
};

function ChangeRows({ changes }: { changes: Change[] }) {
  return (
    <PlanTable columns={["Change", "Key", "Before", "After"]}>
      {changes.map((c, i) => {
        switch (c.kind) {
          case "createTopic":
            return (
              <Fragment key={i}>
                <tr>
                  <td>create topic</td>
                  <td>partitions</td>
                  <td className="muted">—</td>
                  <td className="diff-add">{c.partitions}</td>
                </tr>
                <tr>
                  <td />
                  <td>replication factor</td>
                  <td className="muted">—</td>
                  <td className="diff-add">{c.replicationFactor}</td>
                </tr>
                {Object.entries(c.configs).map(([k, v]) => (
                  <tr key={`${i}-${k}`}>
                    <td />
                    <td>
                      <code>{k}</code>
                    </td>
                    <td className="muted">—</td>
                    <td className="diff-add">{v}</td>
                  </tr>
                ))}
              </Fragment>
            );
          case "addPartitions":
            return (
              <tr key={i}>
                <td>add partitions</td>
                <td>partitions</td>
                <td className="diff-remove">{c.from}</td>
                <td className="diff-add">{c.to}</td>
              </tr>
            );
          case "setConfig":
            return (
              <tr key={i}>
                <td>set config</td>
                <td>
                  <code>{c.key}</code>
                </td>
                <td className="diff-remove">{c.before ?? <span className="muted">(default)</span>}</td>
                <td className="diff-add">{c.after}</td>
              </tr>
            );
          case "removeConfig":
            return (
              <tr key={i}>
                <td>remove override</td>
                <td>
                  <code>{c.key}</code>
                </td>
                <td className="diff-remove">{c.before}</td>
                <td className="muted">(default)</td>
              </tr>
            );
          case "deleteTopic":
            return (
              <tr key={i}>
                <td className="error">delete topic</td>
                <td colSpan={3}>the topic and all its messages</td>
              </tr>
            );
        }
      })}
    </PlanTable>
  );
}

function Results({ results, runId, status, error }: ApplyOutcome) {
  return (
    <section className="card" aria-label="Apply results" data-testid="apply-results">
      <h2>
        Result: <span className={`badge run-${status}`}>{status}</span>{" "}
        <Link href={`/applies/${runId}`} className="small">
          audit record
        </Link>
      </h2>
      {error && <p className="error">{error}</p>}
      {results.length === 0 && !error && <p className="muted">Nothing to change: the cluster already matches the design.</p>}
      <ApplySteps results={results} />
    </section>
  );
}

export function PlanPanel({ designId }: { designId: string }) {
  const plan = usePlanQuery(designId);
  const apply = useApplyPlanMutation();
  const [confirm, setConfirm] = useState<Record<string, string>>({});
  const [confirmConnectors, setConfirmConnectors] = useState<Record<string, string>>({});
  // The last apply's result stays shown while the plan is read again (and while a later apply runs).
  const [outcome, setOutcome] = useState<ApplyOutcome | null>(null);
  const mayApply = useCan("designs:apply", plan.data?.clusterId);
  const mayPlan = useCan("designs:write", plan.data?.clusterId);

  if (plan.isPending) return <p className="muted">Reading the cluster and planning…</p>;
  if (plan.error) {
    return (
      <div className="banner error" role="alert">
        {errorMessage(plan.error)} <Link href={`/designs/${designId}`}>Back to the design</Link>
      </div>
    );
  }
  const view = plan.data;
  const p = view.plan;
  const deletionsConfirmed = p.deletions.every((t) => confirm[t] === t) && accessDeletionsConfirmed(p, confirm) && connectorDeletionsConfirmed(p, confirmConnectors);
  const canApply = !p.blockingErrors.length && p.changes.length > 0 && deletionsConfirmed && !view.readOnly && !apply.isPending;
  const applyPlan = () =>
    apply.mutate({ designId, clusterId: view.clusterId, planHash: p.hash, confirmDeletions: p.deletions.filter((t) => confirm[t] === t), confirmPrincipals: confirmedPrincipals(p, confirm), confirmConnectorDeletions: (p.connectorDeletions ?? []).filter((n) => confirmConnectors[n] === n) }, { onSuccess: setOutcome });

  const changed = p.topics.filter((t) => t.status !== "in-sync");
  const inSync = p.topics.filter((t) => t.status === "in-sync");
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Plan: {view.designName}</h1>
          <p className="muted">
            Revision #{view.designVersion} against cluster <strong>{view.clusterName}</strong>
            {view.readOnly && <span className="badge warn">read-only</span>} · read {new Date(view.checkedAt).toLocaleTimeString()} · plan{" "}
            <code>{p.hash}</code>
          </p>
        </div>
        <div className="actions">
          <Link className="button-link" href={`/designs/${designId}`}>
            Back to the design
          </Link>
          {mayPlan && (
            <button type="button" className="secondary" onClick={() => void plan.refetch()} disabled={plan.isFetching}>
              {plan.isFetching ? "Planning…" : "Plan again"}
            </button>
          )}
        </div>
      </div>

      {p.blockingErrors.length > 0 && (
        <div className="banner error" role="alert">
          <strong>Fix the design first:</strong>
          <ul>
            {p.blockingErrors.slice(0, 10).map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      )}

      <section className="card" aria-label="Plan summary">
        <p data-testid="plan-summary">
          {changeSummary(p)} {connectorSummary(p)} {contractSummary(p)}{" "}
          {inSync.length > 0 && `${inSync.length} topic(s) in sync.`} {p.unmanaged.length > 0 && `${p.unmanaged.length} topic(s) in the cluster are not managed by this design.`}
        </p>
      </section>

      {changed.map((t) => (
        <section key={t.nodeId} className="card plan-topic" data-testid={`plan-topic-${t.topic}`}>
          <h2>
            <code>{t.topic || "(unnamed)"}</code> <span className={`badge plan-${t.status}`}>{STATUS_LABEL[t.status]}</span>
          </h2>
          {t.changes.length > 0 && <ChangeRows changes={t.changes} />}
          <RefusalsAndWarnings refusals={t.refusals} warnings={t.warnings} />
          {t.status === "delete" && mayApply && (
            <label className="confirm-delete">
              Type <strong>{t.topic}</strong> to confirm deleting it and all its messages
              <input value={confirm[t.topic] ?? ""} onChange={(e) => setConfirm((c) => ({ ...c, [t.topic]: e.target.value }))} aria-label={`Confirm deletion of ${t.topic}`} />
            </label>
          )}
        </section>
      ))}

      <ContractPlanSection plan={p} />
      <ConnectorPlanSection plan={p} confirm={confirmConnectors} onConfirm={(name, typed) => setConfirmConnectors((c) => ({ ...c, [name]: typed }))} mayApply={mayApply} />
      <AccessPlanSection plan={p} {...(mayApply ? { confirm, setConfirm: (key: string, value: string) => setConfirm((c) => ({ ...c, [key]: value })) } : {})} />
      {inSync.length > 0 && (
        <details className="card">
          <summary>{inSync.length} topic(s) in sync</summary>
          <p>{inSync.map((t) => t.topic).join(", ")}</p>
        </details>
      )}
      {p.unmanaged.length > 0 && (
        <details className="card">
          <summary>{p.unmanaged.length} topic(s) not managed by this design (never touched)</summary>
          <p className="small">{p.unmanaged.slice(0, 500).join(", ")}</p>
        </details>
      )}

      {mayApply ? (
        <div className="actions apply-bar">
          <button type="button" onClick={applyPlan} disabled={!canApply}>
            {apply.isPending ? "Applying…" : `Apply ${p.changes.length} change${p.changes.length === 1 ? "" : "s"}`}
          </button>
          {view.readOnly && <span className="muted">The cluster is read-only: nothing can be applied.</span>}
          {!deletionsConfirmed && <span className="muted">Type each topic name (and principal, and connector) to confirm its deletion.</span>}
        </div>
      ) : (
        <p className="muted" role="note" data-testid="apply-needs-role">
          Applying needs the admin role on {view.clusterName}.
        </p>
      )}
      {apply.error && (
        <p className="banner error" role="alert">
          {errorMessage(apply.error)}
        </p>
      )}
      {outcome && <Results {...outcome} />}
    </>
  );
}
