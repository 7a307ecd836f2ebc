import Link from "next/link";
import type { GroupDetail, PartitionDetail } from "@/lib/groups/group-views";
import { topicHref } from "@/components/topics/topic-href";
import { StatusBadge } from "./status-badge";

const n = (x: number | null | undefined) => (x === null || x === undefined ? "—" : x.toLocaleString());

/** Lag as the table shows it: past the end, the negative distance instead of a silent 0. */
function LagCell({ p }: { p: PartitionDetail }) {
  if (p.anomaly?.kind === "past-end") {
    return (
      <td className="num warn-text" title={p.anomaly.message} data-testid="past-end">
        {p.anomaly.distance.toLocaleString()}
      </td>
    );
  }
  return <td className="num">{n(p.lag)}</td>;
}

function Anomaly({ p }: { p: PartitionDetail }) {
  if (!p.anomaly) return null;
  if (p.anomaly.kind === "retention-loss") {
    return (
      <div className="small error" data-testid="retention-loss">
        <span className="badge lag-stop">{p.anomaly.lost.toLocaleString()} lost</span> {p.anomaly.message} (committed {n(p.anomaly.committed)}, log starts at {n(p.anomaly.logStart)})
      </div>
    );
  }
  return (
    <div className="small warn-text">
      <span className="badge warn">past the end</span> {p.anomaly.message}
    </div>
  );
}

/**
 * One table per topic: offsets, lag (and how far behind in time), status and the rule that decided it, with each
 * partition's own figures; retention loss and a committed offset past the end said in words.
 */
export function GroupPartitions({ clusterId, topics, current }: { clusterId: string; topics: GroupDetail["topics"]; current: boolean }) {
  return (
    <>
      {topics.map((t) => (
        <section key={t.topic} className="card" aria-label={`Topic ${t.topic}`}>
          <h3>
            <Link href={topicHref(clusterId, t.topic)}>
              <code>{t.topic}</code>
            </Link>{" "}
            <span className="muted small">lag {t.totalLag.toLocaleString()}</span>
          </h3>
          <table className={`table compact${current ? "" : " muted"}`} aria-label={`Partitions of ${t.topic}`}>
            <thead>
              <tr>
                <th className="num">Partition</th>
                <th className="num">Log start</th>
                <th className="num">Committed</th>
                <th className="num">End</th>
                <th className="num">Lag</th>
                <th>Behind</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {t.partitions.map((p) => (
                <tr key={p.partition} data-testid="partition-lag-row">
                  <td className="num">{p.partition}</td>
                  <td className="num">{n(p.logStart)}</td>
                  <td className="num">{n(p.committed)}</td>
                  <td className="num">{n(p.end)}</td>
                  <LagCell p={p} />
                  <td className="small" data-testid="partition-time-lag" title={p.timeLag?.basis === "lower-bound" ? "The committed offset is older than the end offsets the console remembers" : undefined}>
                    {p.timeLag ? p.timeLag.text : "—"}
                  </td>
                  <td>
                    {p.leaderUnavailable ? <span className="badge warn">leader unavailable</span> : <StatusBadge status={p.status} />}{" "}
                    {!p.judged && p.committed !== null && <span className="badge step-skipped">not judged yet</span>}{" "}
                    <span className="muted small" data-testid="partition-rule">
                      {p.rule}
                    </span>
                    <Anomaly p={p} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </>
  );
}
