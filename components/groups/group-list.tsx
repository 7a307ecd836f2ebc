"use client";
import Link from "next/link";
import { useDeferredValue, useState } from "react";
import type { GroupListAnswer } from "@/lib/groups/group-views";
import type { GroupSort } from "@/lib/groups/query-groups";
import { LAG_STATUSES, type LagStatus } from "@/lib/groups/lag-types";
import { errorMessage } from "@/components/ui/fetch-json";
import { Pager } from "@/components/ui/pager";
import { nextSortOrder, type SortOrder } from "@/components/ui/sort-order";
import { useEarlyInput } from "@/components/ui/use-early-input";
import { SortableHeader, type SortColumn } from "@/components/ui/sortable-header";
import { figuresFreshness } from "./figures-freshness";
import { GROUP_PAGE_SIZE, groupHref, useGroupsQuery } from "./group-queries";
import { LagSettingsPanel } from "./lag-settings-panel";
import { BurrowBadge, StatusBadge } from "./status-badge";

const COLUMNS: SortColumn<GroupSort>[] = [
  { key: "groupId", label: "Group" },
  { key: "status", label: "Status" },
  { key: "state", label: "State" },
  { key: "members", label: "Members", num: true },
  { key: null, label: "Topics" },
  { key: "totalLag", label: "Total lag", num: true },
  { key: "maxLag", label: "Largest partition lag", num: true },
  { key: "timeLag", label: "Behind" },
];

/**
 * Every consumer group of the cluster from the lag sampler: searched, filtered by status, sorted and paged on
 * the server, so 2,000 groups cost one page of rows in the browser.
 */
export function GroupList({ clusterId, initial = null }: { clusterId: string; initial?: GroupListAnswer | null }) {
  const [q, setQ] = useState("");
  const [statuses, setStatuses] = useState<LagStatus[]>([]);
  const [order, setOrder] = useState<SortOrder<GroupSort>>({ sort: "totalLag", desc: true });
  const [page, setPage] = useState(0);
  const searchRef = useEarlyInput(q, setQ);
  const deferredQ = useDeferredValue(q);
  const isDefault = !deferredQ && !statuses.length && order.sort === "totalLag" && order.desc && page === 0;
  const groups = useGroupsQuery(clusterId, { q: deferredQ, statuses, ...order, page }, isDefault ? initial : null);
  const data = groups.data;
  const pages = data ? Math.max(1, Math.ceil(data.matched / GROUP_PAGE_SIZE)) : 1;
  const fresh = figuresFreshness(data?.health, groups.error && data ? errorMessage(groups.error) : null, Math.max(groups.dataUpdatedAt, groups.errorUpdatedAt));

  const sortBy = (key: GroupSort) => {
    setOrder(nextSortOrder(order, key, (k) => k !== "groupId" && k !== "state"));
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
            ref={searchRef}
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
      {groups.error && !data && <p className="error" role="alert">{errorMessage(groups.error)}</p>}
      {fresh.banner && data && (
        <p className={`banner ${fresh.tone === "error" ? "error" : "warn"}`} role="alert" data-testid="sample-banner">
          {fresh.banner}
        </p>
      )}
      {data && (
        <>
          <p className="muted small" data-testid="group-count">
            {data.matched.toLocaleString()} of {data.total.toLocaleString()} groups · total lag {data.totalLag.toLocaleString()} · page {data.page + 1} of {pages} ·
            sampled {new Date(data.takenAt).toLocaleTimeString()} in {data.tookMs.toLocaleString()} ms{fresh.current ? "" : ` (${fresh.ago})`}
          </p>
          <table className={`table compact${fresh.current ? "" : " muted"}`} aria-label="Consumer group list">
            <SortableHeader columns={COLUMNS} order={order} onSort={sortBy} />
            <tbody>
              {data.groups.map((g) => (
                <tr key={g.groupId} data-testid="group-row">
                  <td>
                    <Link href={groupHref(clusterId, g.groupId)}>
                      <code>{g.groupId}</code>
                    </Link>
                    {g.error && <span className="badge warn" title={g.error}>offsets unreadable</span>}
                    {g.retentionLost > 0 && (
                      <span className="badge lag-stop" data-testid="retention-loss-badge" title="Messages deleted by retention before this group read them: its consumers will skip them">
                        {g.retentionLost.toLocaleString()} lost to retention
                      </span>
                    )}
                    {g.pastEnd > 0 && (
                      <span className="badge warn" data-testid="past-end-badge" title="The committed offset is past the end of the log: the topic may have been recreated or records deleted">
                        past the end on {g.pastEnd}
                      </span>
                    )}
                  </td>
                  <td>
                    <StatusBadge status={g.status} title={[g.reason, g.completeness.text].filter(Boolean).join(" · ")} />
                    <BurrowBadge status={g.burrowStatus} />
                    {!g.completeness.judged && (
                      <span className="badge step-skipped" title={g.completeness.text}>
                        not judged yet
                      </span>
                    )}
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
                  <td className="small" data-testid="group-time-lag">
                    {g.timeLag.text}
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
          <LagSettingsPanel clusterId={clusterId} settings={data.settings} />
        </>
      )}
      {!data && !groups.error && <p className="muted">Sampling consumer groups…</p>}
    </section>
  );
}
