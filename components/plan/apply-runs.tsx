"use client";
"use client";
import Link from "next/link";
import type { ApplyRunSummary, ApplyRunView } from "@/lib/plan/plan-types";
import { ApplySteps } from "./apply-steps";
import { useApplyRunQuery, useApplyRunsQuery } from "./plan-queries";

/** Every apply, newest first; `runs` is the server-rendered list, read again when an apply adds one. */
export function ApplyRunsTable({ runs: initial }: { runs: ApplyRunSummary[] }) {
  const { data: runs = initial } = useApplyRunsQuery(initial);
  if (!runs.length) return <p className="muted">Nothing has been applied yet.</p>;
  return (
    <table className="table" aria-label="Applies">
      <thead>
        <tr>
          <th>When</th>
          <th>Design</th>
          <th>Cluster</th>
          <th>Who</th>
          <th>Result</th>
          <th>Steps</th>
          <th>Duration</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => (
          <tr key={r.id} data-testid="apply-run-row">
            <td>
              <Link href={`/applies/${r.id}`}>{new Date(r.startedAt).toLocaleString()}</Link>
            </td>
            <td>
              {r.designId ? <Link href={`/designs/${r.designId}`}>{r.designName}</Link> : r.designName} #{r.designVersion}
            </td>
            <td>{r.clusterName}</td>
            <td>{r.user}</td>
            <td>
              <span className={`badge run-${r.status}`}>{r.status}</span>
            </td>
            <td>
              {r.steps}
              {r.failed > 0 && <span className="error"> ({r.failed} failed)</span>}
            </td>
            <td>{(r.durationMs / 1000).toFixed(1)} s</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ApplyRunDetail({ run: initial }: { run: ApplyRunView }) {
  const { data: run = initial } = useApplyRunQuery(initial.id, initial);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>
            Apply of {run.designName} #{run.designVersion} to {run.clusterName} <span className={`badge run-${run.status}`}>{run.status}</span>
          </h1>
          <p className="muted">
            {new Date(run.startedAt).toLocaleString()} by {run.user} · {(run.durationMs / 1000).toFixed(1)} s · plan <code>{run.plan?.hash ?? "—"}</code>
          </p>
        </div>
        <Link className="button-link" href="/applies">
          All applies
        </Link>
      </div>
      {run.error && <p className="banner error">{run.error}</p>}
      <section className="card">
        <h2>Steps</h2>
        {run.results.length === 0 ? (
          <p className="muted">No steps ran.</p>
        ) : (
          <ApplySteps results={run.results} />
        )}
      </section>
      {run.plan && (
        <section className="card">
          <h2>Plan</h2>
          <ul className="plain">
            {run.plan.topics.map((t) => (
              <li key={t.nodeId}>
                <code>{t.topic}</code> <span className={`badge plan-${t.status}`}>{t.status}</span>
                {t.refusals.map((x) => (
                  <div key={x} className="error small">
                    Refused: {x}
                  </div>
                ))}
              </li>
            ))}
          </ul>
          {run.plan.unmanaged.length > 0 && <p className="muted small">Not managed: {run.plan.unmanaged.join(", ")}</p>}
        </section>
      )}
    </>
  );
}
