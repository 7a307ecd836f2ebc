"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { formatDuration } from "@/lib/groups/group-summary";
import { LAG_HISTORY_WINDOWS, type LagHistoryWindow } from "@/lib/groups/group-schemas";
import type { GroupDetail } from "@/lib/groups/group-views";
import { useCan } from "@/components/auth/me-context";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { errorMessage } from "@/components/ui/fetch-json";
import { figuresFreshness } from "./figures-freshness";
import { GroupAllowedLag } from "./group-allowed-lag";
import { GroupMembers } from "./group-members";
import { GroupPartitions } from "./group-partitions";
import { LagChart } from "./lag-chart";
import { useDeleteGroupMutation, useGroupQuery, useLagHistoryQuery } from "./group-queries";
import { ResetOffsetsPanel } from "./reset-offsets-panel";
import { BurrowBadge, StatusBadge } from "./status-badge";

const rate = (r: number) => (r >= 100 ? Math.round(r).toLocaleString() : r.toFixed(1));

/** What retention deleted before the group read it, and committed offsets past the end, over the whole group. */
function OffsetWarnings({ d }: { d: GroupDetail }) {
  const lost = d.summary.retentionLost;
  const pastEnd = d.topics.flatMap((t) => t.partitions).filter((p) => p.anomaly?.kind === "past-end");
  return (
    <>
      {lost > 0 && (
        <p className="banner error" role="alert" data-testid="group-retention-loss">
          {lost.toLocaleString()} {lost === 1 ? "message was" : "messages were"} deleted by retention before this group read them: its consumers will
          skip {lost === 1 ? "it" : "them"} (the partitions below say where).
        </p>
      )}
      {pastEnd.length > 0 && (
        <p className="banner warn" data-testid="group-past-end">
          On {pastEnd.length} partition{pastEnd.length === 1 ? "" : "s"} the committed offset is past the end of the log (
          {pastEnd.map((p) => `${p.topic}[${p.partition}] by ${(-(p.anomaly?.kind === "past-end" ? p.anomaly.distance : 0)).toLocaleString()}`).join(", ")}): the
          topic may have been recreated or records deleted; the consumer will reset by its auto.offset.reset.
        </p>
      )}
    </>
  );
}

/** One consumer group: status and why, members, per-partition offsets and lag, lag history, offset reset. */
export function GroupDetailPanel({ clusterId, clusterName, groupId, readOnly }: { clusterId: string; clusterName: string; groupId: string; readOnly: boolean }) {
  // After an offset reset, the page asks often until it has a sample taken after it.
  const [resetAt, setResetAt] = useState<number | null>(null);
  const detail = useGroupQuery(clusterId, groupId, resetAt);
  const [window, setWindow] = useState<LagHistoryWindow>("1h");
  const history = useLagHistoryQuery(clusterId, groupId, window);
  const d = detail.data;
  const mayReset = useCan("offsets:write", clusterId);
  const mayDelete = useCan("groups:delete", clusterId);
  const del = useDeleteGroupMutation(clusterId);
  const router = useRouter();
  const maySettle = useCan("alerts:write", clusterId);
  // Ages are counted to the last answer or failed refresh (pure: no clock read while rendering).
  const fresh = figuresFreshness(d?.health, detail.error && d ? errorMessage(detail.error) : null, Math.max(detail.dataUpdatedAt, detail.errorUpdatedAt));
  // Last-known figures are labelled as such, never shown as now.
  const asOf = fresh.current ? "" : ` (as of ${fresh.ago})`;

  return (
    <div>
      <p className="small">
        <Link href={`/clusters/${clusterId}`}>{clusterName}</Link> › <Link href={`/clusters/${clusterId}/groups`}>Consumer groups</Link>
      </p>
      <div className="page-head">
        <h1>
          <code>{groupId}</code> {d && <StatusBadge status={d.summary.status} />} {d && <BurrowBadge status={d.summary.burrowStatus} />}
        </h1>
      </div>
      {detail.error && !d && <p className="banner error" role="alert">{errorMessage(detail.error)}</p>}
      {fresh.banner && d && (
        <p className={`banner ${fresh.tone === "error" ? "error" : "warn"}`} role="alert" data-testid="sample-banner">
          {fresh.banner}
        </p>
      )}
      {d && (
        <>
          <div className="stats">
            <div className={`stat ${!fresh.current ? "" : d.summary.status === "OK" ? "ok" : "bad"}`}>
              <div className={`stat-value${fresh.current ? "" : " muted"}`}>
                {d.summary.status} <BurrowBadge status={d.summary.burrowStatus} />
              </div>
              <div className="stat-label" data-testid="completeness">
                worst partition status{asOf}; {d.summary.completeness.text} (a sample every {formatDuration(d.intervalMs / 1000)})
              </div>
            </div>
            <div className="stat">
              <div className={`stat-value${fresh.current ? "" : " muted"}`} data-testid="group-total-lag">
                {d.summary.totalLag.toLocaleString()}
              </div>
              <div className="stat-label">
                total lag (messages){asOf} · <span data-testid="group-time-lag">{d.summary.timeLag.text}</span>
              </div>
            </div>
            <div className="stat" data-testid="group-state">
              <div className={`stat-value${fresh.current ? "" : " muted"}`}>{fresh.current ? d.summary.state : `last seen ${d.summary.state}`}</div>
              <div className="stat-label">
                {d.members.length} member{d.members.length === 1 ? "" : "s"}
                {fresh.current ? "" : `, ${fresh.ago}`}
              </div>
            </div>
            <div className="stat">
              <div className="stat-value">{d.catchUp.etaSeconds === null ? "—" : d.catchUp.etaSeconds === 0 ? "0" : formatDuration(d.catchUp.etaSeconds)}</div>
              <div className="stat-label" data-testid="catch-up">
                {d.catchUp.text}
                {d.catchUp.consumeRate > 0 || d.catchUp.produceRate > 0 ? ` (consuming ${rate(d.catchUp.consumeRate)}/s, arriving ${rate(d.catchUp.produceRate)}/s over the window)` : ""}
              </div>
            </div>
          </div>
          {d.summary.reason && (
            <p className="banner warn" data-testid="status-reason">
              {d.summary.reason}
            </p>
          )}
          <OffsetWarnings d={d} />

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

          <GroupMembers members={d.members} state={d.summary.state} current={fresh.current} ago={fresh.ago} />
          <GroupPartitions clusterId={clusterId} topics={d.topics} current={fresh.current} />
          <GroupAllowedLag clusterId={clusterId} groupId={groupId} allowedLag={d.allowedLag} mayEdit={maySettle} />

          {!readOnly && mayDelete && d.members.length === 0 && fresh.current && (
            <section aria-label="Delete the group" className="danger-zone">
              <ConfirmDialog
                trigger="Delete group"
                label={`Delete group ${groupId}`}
                title={`Delete consumer group “${groupId}”?`}
                confirmName={groupId}
                nameLabel="Group id to confirm"
                confirmLabel="Delete group"
                pendingLabel="Deleting…"
                onConfirm={(typed) => del.mutateAsync({ clusterId, groupId, confirmName: typed })}
                onDone={() => router.push(`/clusters/${clusterId}/groups`)}
              >
                Its committed offsets are deleted with it: consumers that join with this id later start where their
                auto.offset.reset says (earliest or latest), not where this group was.
              </ConfirmDialog>
            </section>
          )}

          {!readOnly && mayReset && d.topics.length > 0 && (
            <ResetOffsetsPanel
              clusterId={clusterId}
              groupId={groupId}
              topics={d.topics.map((t) => t.topic)}
              active={d.members.length > 0}
              sampledAt={d.takenAt}
              onReset={(r) => setResetAt(r.at)}
            />
          )}
        </>
      )}
      {!d && !detail.error && <p className="muted">Loading…</p>}
    </div>
  );
}
