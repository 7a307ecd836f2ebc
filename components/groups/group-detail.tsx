"use client";
import Link from "next/link";
import { useState } from "react";
import { formatDuration } from "@/lib/lag/group-summary";
import { LAG_HISTORY_WINDOWS, type LagHistoryWindow } from "@/lib/lag/group-schemas";
import { useCan } from "@/components/auth/me-context";
import { topicHref } from "@/components/topics/topic-href";
import { errorMessage } from "@/components/ui/fetch-json";
import { LagChart } from "./lag-chart";
import { useGroupQuery, useLagHistoryQuery } from "./group-queries";
import { ResetOffsetsPanel } from "./reset-offsets-panel";
import { StatusBadge } from "./status-badge";

const rate = (r: number) => (r >= 100 ? Math.round(r).toLocaleString() : r.toFixed(1));

/** One consumer group: status and why, members, per-partition offsets and lag, lag history, offset reset. */
export function GroupDetailPanel({ clusterId, clusterName, groupId, readOnly }: { clusterId: string; clusterName: string; groupId: string; readOnly: boolean }) {
  const detail = useGroupQuery(clusterId, groupId);
  const [window, setWindow] = useState<LagHistoryWindow>("1h");
  const history = useLagHistoryQuery(clusterId, groupId, window);
  const d = detail.data;
  const mayReset = useCan("offsets:write", clusterId);

  return (
    <div>
      <p className="small">
        <Link href={`/clusters/${clusterId}`}>{clusterName}</Link> › <Link href={`/clusters/${clusterId}/groups`}>Consumer groups</Link>
      </p>
      <div className="page-head">
        <h1>
          <code>{groupId}</code> {d && <StatusBadge status={d.summary.status} />}
        </h1>
      </div>
      {detail.error && <p className="banner error" role="alert">{errorMessage(detail.error)}</p>}
      {d && (
        <>
          <div className="stats">
            <div className={`stat ${d.summary.status === "OK" ? "ok" : "bad"}`}>
              <div className="stat-value">{d.summary.status}</div>
              <div className="stat-label">status over the last {d.windowSize} samples</div>
            </div>
            <div className="stat">
              <div className="stat-value" data-testid="group-total-lag">{d.summary.totalLag.toLocaleString()}</div>
              <div className="stat-label">total lag (messages)</div>
            </div>
            <div className="stat">
              <div className="stat-value">{d.summary.state}</div>
              <div className="stat-label">{d.members.length} member{d.members.length === 1 ? "" : "s"}</div>
            </div>
            <div className="stat">
              <div className="stat-value">{d.catchUp.etaSeconds === null ? "—" : d.catchUp.etaSeconds === 0 ? "0" : formatDuration(d.catchUp.etaSeconds)}</div>
              <div className="stat-label" data-testid="catch-up">
                {d.catchUp.text}
                {d.catchUp.consumeRate > 0 || d.catchUp.produceRate > 0 ? ` (consuming ${rate(d.catchUp.consumeRate)}/s, arriving ${rate(d.catchUp.produceRate)}/s)` : ""}
              </div>
            </div>
          </div>
          {d.summary.reason && (
            <p className="banner warn" data-testid="status-reason">
              {d.summary.reason}
            </p>
          )}

          <section className="card" aria-label="Lag history">
            <div className="page-head">
              <h3>Lag over time</h3>
              <div className="actions" role="group" aria-label="Window">
                {(Object.keys(LAG_HISTORY_WINDOWS) as LagHistoryWindow[]).map((w) => (
                  <button key={w} type="button" className={w === window ? "small" : "secondary small"} aria-pressed={w === window} onClick={() => setWindow(w)}>
                    {w}
                  </button>
                ))}
              </div>
            </div>
            {history.error && <p className="error">{errorMessage(history.error)}</p>}
            {history.data && <LagChart history={history.data} />}
          </section>

          <section className="card" aria-label="Members">
            <h3>Members</h3>
            {d.members.length ? (
              <table className="table compact">
                <thead>
                  <tr>
                    <th>Client id</th>
                    <th>Host</th>
                    <th>Assigned partitions</th>
                  </tr>
                </thead>
                <tbody>
                  {d.members.map((m) => (
                    <tr key={m.memberId} title={m.memberId}>
                      <td>
                        <code>{m.clientId}</code>
                      </td>
                      <td>{m.host}</td>
                      <td className="small">{m.assignments.map((a) => `${a.topic} [${a.partitions.join(", ")}]`).join("; ") || <span className="muted">none</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="muted">No active members: the group is {d.summary.state}.</p>
            )}
          </section>

          {d.topics.map((t) => (
            <section key={t.topic} className="card" aria-label={`Topic ${t.topic}`}>
              <h3>
                <Link href={topicHref(clusterId, t.topic)}>
                  <code>{t.topic}</code>
                </Link>{" "}
                <span className="muted small">lag {t.totalLag.toLocaleString()}</span>
              </h3>
              <table className="table compact" aria-label={`Partitions of ${t.topic}`}>
                <thead>
                  <tr>
                    <th className="num">Partition</th>
                    <th className="num">Committed</th>
                    <th className="num">End</th>
                    <th className="num">Lag</th>
                    <th>Status</th>
                  </tr>
                </thead>
                <tbody>
                  {t.partitions.map((p) => (
                    <tr key={p.partition} data-testid="partition-lag-row">
                      <td className="num">{p.partition}</td>
                      <td className="num">{p.committed === null ? "—" : p.committed.toLocaleString()}</td>
                      <td className="num">{p.end === null ? "—" : p.end.toLocaleString()}</td>
                      <td className="num">{p.lag === null ? "—" : p.lag.toLocaleString()}</td>
                      <td>
                        {p.leaderUnavailable ? <span className="badge warn">leader unavailable</span> : <StatusBadge status={p.status} />}{" "}
                        <span className="muted small">{p.rule}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ))}

          {!readOnly && mayReset && d.topics.length > 0 && <ResetOffsetsPanel clusterId={clusterId} groupId={groupId} topics={d.topics.map((t) => t.topic)} active={d.members.length > 0} />}
        </>
      )}
      {!d && !detail.error && <p className="muted">Loading…</p>}
    </div>
  );
}
