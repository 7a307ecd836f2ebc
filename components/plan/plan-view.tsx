"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { Fragment, useState } from "react";
import type { Change, PlanView as PlanData, StepResult, TopicPlan } from "@/lib/plan/plan-types";
import { describeChange } from "@/lib/plan/plan-types";
import { useCan } from "@/components/auth/me-context";
import { errorMessage, fetchJson } from "@/components/ui/fetch-json";
import { applyPlanAction } from "@/server/actions/plan-actions";

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
    <table className="table plan-table">
      <thead>
        <tr>
          <th>Change</th>
          <th>Key</th>
          <th>Before</th>
          <th>After</th>
        </tr>
      </thead>
      <tbody>
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
      </tbody>
    </table>
  );
}

function Results({ results, runId, status, error }: { results: StepResult[]; runId: string; status: string; error?: string }) {
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
      <ul className="plain steps">
        {results.map((r, i) => (
          <li key={i} data-testid="apply-step">
            <span className={`badge step-${r.status}`}>{r.status}</span> {describeChange(r.change)}
            {r.message && <span className={r.status === "failed" ? "error" : "muted"}> — {r.message}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function PlanPanel({ designId }: { designId: string }) {
  const qc = useQueryClient();
  const plan = useQuery({
    queryKey: ["designs", "plan", designId],
    queryFn: ({ signal }) => fetchJson<PlanData>(`/api/designs/${designId}/plan`, signal),
    refetchOnWindowFocus: false,
  });
  const [confirm, setConfirm] = useState<Record<string, string>>({});
  const [applying, setApplying] = useState(false);
  const [outcome, setOutcome] = useState<{ runId: string; status: string; results: StepResult[]; error?: string } | null>(null);
  const [applyError, setApplyError] = useState<string | null>(null);
  const mayApply = useCan("designs:apply", plan.data?.clusterId);

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
  const deletionsConfirmed = p.deletions.every((t) => confirm[t] === t);
  const canApply = !p.blockingErrors.length && p.changes.length > 0 && deletionsConfirmed && !view.readOnly && !applying;

  async function apply() {
    setApplying(true);
    setApplyError(null);
    const r = await applyPlanAction({ designId, clusterId: view.clusterId, planHash: p.hash, confirmDeletions: p.deletions.filter((t) => confirm[t] === t) });
    setApplying(false);
    if (!r.ok) {
      setApplyError(r.error.message);
      if (r.error.code === "CONFLICT") void plan.refetch();
      return;
    }
    setOutcome(r.data);
    void qc.invalidateQueries({ queryKey: ["designs", "drift", designId] });
    void plan.refetch();
  }

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
          <button type="button" className="secondary" onClick={() => void plan.refetch()} disabled={plan.isFetching}>
            {plan.isFetching ? "Planning…" : "Plan again"}
          </button>
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
          {p.changes.length === 0 ? "No changes: the cluster matches the design." : `${p.changes.length} change${p.changes.length === 1 ? "" : "s"} on ${changed.filter((t) => t.changes.length).length} topic(s).`}{" "}
          {inSync.length > 0 && `${inSync.length} topic(s) in sync.`} {p.unmanaged.length > 0 && `${p.unmanaged.length} topic(s) in the cluster are not managed by this design.`}
        </p>
      </section>

      {changed.map((t) => (
        <section key={t.nodeId} className="card plan-topic" data-testid={`plan-topic-${t.topic}`}>
          <h2>
            <code>{t.topic || "(unnamed)"}</code> <span className={`badge plan-${t.status}`}>{STATUS_LABEL[t.status]}</span>
          </h2>
          {t.changes.length > 0 && <ChangeRows changes={t.changes} />}
          {t.refusals.map((r) => (
            <p key={r} className="error">
              Refused: {r}
            </p>
          ))}
          {t.warnings.map((w) => (
            <p key={w} className="field-warning">
              Warning: {w}
            </p>
          ))}
          {t.status === "delete" && mayApply && (
            <label className="confirm-delete">
              Type <strong>{t.topic}</strong> to confirm deleting it and all its messages
              <input value={confirm[t.topic] ?? ""} onChange={(e) => setConfirm((c) => ({ ...c, [t.topic]: e.target.value }))} aria-label={`Confirm deletion of ${t.topic}`} />
            </label>
          )}
        </section>
      ))}

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
          <button type="button" onClick={() => void apply()} disabled={!canApply}>
            {applying ? "Applying…" : `Apply ${p.changes.length} change${p.changes.length === 1 ? "" : "s"}`}
          </button>
          {view.readOnly && <span className="muted">The cluster is read-only: nothing can be applied.</span>}
          {!deletionsConfirmed && <span className="muted">Type each topic name to confirm its deletion.</span>}
        </div>
      ) : (
        <p className="muted" role="note" data-testid="apply-needs-role">
          Applying needs the admin role on {view.clusterName}.
        </p>
      )}
      {applyError && (
        <p className="banner error" role="alert">
          {applyError}
        </p>
      )}
      {outcome && <Results {...outcome} />}
    </>
  );
}
