"use client";
import Link from "next/link";
import { useDeferredValue, useState } from "react";
import type { GroupSort } from "@/lib/lag/group-list";
import { LAG_STATUSES, type LagStatus } from "@/lib/lag/lag-types";
import { errorMessage } from "@/components/ui/fetch-json";
import { Pager } from "@/components/ui/pager";
import { GROUP_PAGE_SIZE, groupHref, useGroupsQuery } from "./group-queries";
import { StatusBadge } from "./status-badge";

const COLUMNS: { key: GroupSort | null; label: string; num?: boolean }[] = [
  { key: "groupId", label: "Group" },
  { key: "status", label: "Status" },
  { key: "state", label: "State" },
  { key: "members", label: "Members", num: true },
  { key: null, label: "Topics" },
  { key: "totalLag", label: "Total lag", num: true },
  { key: "maxLag", label: "Largest partition lag", num: true },
];

/**
 * Every consumer group of the cluster from the lag sampler: searched, filtered by status, sorted and paged on
 * the server, so 2,000 groups cost one page of rows in the browser.
 */
export function GroupList({ clusterId }: { clusterId: string }) {
  const [q, setQ] = useState("");
  const [statuses, setStatuses] = useState<LagStatus[]>([]);
  const [sort, setSort] = useState<GroupSort>("totalLag");
  const [desc, setDesc] = useState(true);
  const [page, setPage] = useState(0);
  const deferredQ = useDeferredValue(q);
  const groups = useGroupsQuery(clusterId, { q: deferredQ, statuses, sort, desc, page });
  const data = groups.data;
  const pages = data ? Math.max(1, Math.ceil(data.matched / GROUP_PAGE_SIZE)) : 1;

  const sortBy = (key: GroupSort) => {
    if (sort === key) setDesc(!desc);
    else {
      setSort(key);
      setDesc(key !== "groupId" && key !== "state");
    }
    setPage(0);
  };
  const toggle = (s: LagStatus) => {
    setStatuses(statuses.includes(s) ? statuses.filter((x) => x !== s) : [...statuses, s]);
    setPage(0);
  };

  return (
    <section aria-label="Consumer groups">
      <div className="page-head">
        <div className="actions wrap">
          <input
            type="search"
            placeholder="Search groups or topics"
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              setPage(0);
            }}
            aria-label="Search consumer groups"
          />
          <span className="small muted">Status:</span>
          {LAG_STATUSES.map((s) => (
            <label key={s} className={`check-inline small status-filter lag-${s.toLowerCase()}`}>
              <input type="checkbox" checked={statuses.includes(s)} onChange={() => toggle(s)} aria-label={`Only ${s}`} /> {s}
              {data ? ` (${data.statusCounts[s].toLocaleString()})` : ""}
            </label>
          ))}
        </div>
      </div>
      {groups.error && <p className="error" role="alert">{errorMessage(groups.error)}</p>}
      {data && (
        <>
          <p className="muted small" data-testid="group-count">
            {data.matched.toLocaleString()} of {data.total.toLocaleString()} groups · total lag {data.totalLag.toLocaleString()} · page {data.page + 1} of {pages} ·
            sampled {new Date(data.takenAt).toLocaleTimeString()} in {data.tookMs.toLocaleString()} ms
          </p>
          <table className="table compact" aria-label="Consumer group list">
            <thead>
              <tr>
                {COLUMNS.map((c) => (
                  <th key={c.label} className={c.num ? "num" : undefined} aria-sort={c.key && c.key === sort ? (desc ? "descending" : "ascending") : undefined}>
                    {c.key ? (
                      <button type="button" className="link th-sort" onClick={() => sortBy(c.key!)}>
                        {c.label}
                        {c.key === sort ? (desc ? " ↓" : " ↑") : ""}
                      </button>
                    ) : (
                      c.label
                    )}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.groups.map((g) => (
                <tr key={g.groupId} data-testid="group-row">
                  <td>
                    <Link href={groupHref(clusterId, g.groupId)}>
                      <code>{g.groupId}</code>
                    </Link>
                    {g.error && <span className="badge warn" title={g.error}>offsets unreadable</span>}
                  </td>
                  <td>
                    <StatusBadge status={g.status} title={g.reason} />
                  </td>
                  <td>{g.state}</td>
                  <td className="num">{g.members}</td>
                  <td className="small">{g.topics.slice(0, 3).join(", ") + (g.topics.length > 3 ? ` +${g.topics.length - 3}` : "")}</td>
                  <td className="num">{g.totalLag.toLocaleString()}</td>
                  <td className="num">
                    {g.maxLag.toLocaleString()}
                    {g.maxLagAt && <span className="muted small"> {g.maxLagAt}</span>}
                    {g.unavailable > 0 && (
                      <span className="badge warn" title="These partitions have no reachable leader: their lag is unknown this time">
                        {g.unavailable} unavailable
                      </span>
                    )}
                  </td>
                </tr>
              ))}
              {!data.groups.length && (
                <tr>
                  <td colSpan={COLUMNS.length} className="muted">
                    {data.total ? "No group matches." : "This cluster has no consumer groups with committed offsets."}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
          <Pager page={page} pages={pages} onPage={setPage} />
        </>
      )}
      {!data && !groups.error && <p className="muted">Sampling consumer groups…</p>}
    </section>
  );
}
