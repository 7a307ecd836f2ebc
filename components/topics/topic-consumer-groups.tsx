"use client";
import { Fragment, useState } from "react";
import { errorMessage } from "@/components/ui/fetch-json";
import { useTopicGroupsQuery } from "./topic-queries";

const n = (v: number | null) => (v === null ? <span className="muted">—</span> : v.toLocaleString("en-US"));

/** Consumer groups with committed offsets on the topic: total lag, and lag per partition on demand. */
export function TopicConsumerGroups({ clusterId, topic }: { clusterId: string; topic: string }) {
  const groups = useTopicGroupsQuery(clusterId, topic);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  if (groups.isPending) return <p className="muted">Reading consumer groups…</p>;
  if (!groups.data) return <p className="error">{errorMessage(groups.error)}</p>;
  return (
    <>
      {groups.error && <p className="error small">{errorMessage(groups.error)} The groups below are from the last successful refresh.</p>}
      {groups.data.groups.length === 0 ? (
        <p className="muted" data-testid="no-consumer-groups">
          No consumer group has committed offsets on this topic.
        </p>
      ) : (
        <table className="table compact" aria-label="Consumer groups">
          <thead>
            <tr>
              <th>Group</th>
              <th>State</th>
              <th className="num">Members</th>
              <th className="num">Total lag</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {groups.data.groups.map((g) => {
              const expanded = open.has(g.groupId);
              return (
                <Fragment key={g.groupId}>
                  <tr data-testid={`group-${g.groupId}`}>
                    <td>
                      <code>{g.groupId}</code>
                    </td>
                    <td>{g.state}</td>
                    <td className="num">{n(g.members)}</td>
                    <td className={`num ${g.totalLag > 0 ? "lagging" : ""}`} data-testid="total-lag">
                      {n(g.totalLag)}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="link"
                        aria-expanded={expanded}
                        aria-controls={`lag-${g.groupId}`}
                        onClick={() => toggle(g.groupId)}
                      >
                        {expanded ? "Hide partitions" : "Per partition"}
                      </button>
                    </td>
                  </tr>
                  {expanded && (
                    <tr id={`lag-${g.groupId}`} className="nested">
                      <td colSpan={5}>
                        <table className="table compact" aria-label={`Lag of ${g.groupId} per partition`}>
                          <thead>
                            <tr>
                              <th>Partition</th>
                              <th className="num">Committed offset</th>
                              <th className="num">End offset</th>
                              <th className="num">Lag</th>
                            </tr>
                          </thead>
                          <tbody>
                            {g.partitions.map((p) => (
                              <tr key={p.partition}>
                                <td>{p.partition}</td>
                                <td className="num">{n(p.committed)}</td>
                                <td className="num">{n(p.high)}</td>
                                <td className={`num ${p.lag ? "lagging" : ""}`}>{n(p.lag)}</td>
                              </tr>
                            ))}
                          </tbody>
                        </table>
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}
