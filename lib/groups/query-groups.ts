// Search, filter, sort and page the consumer-group list. Pure.
import type { GroupSummary } from "./group-summary";
import { BURROW_GROUP_STATUSES, LAG_STATUSES, STATUS_SEVERITY, type LagStatus } from "./lag-types";

export const GROUP_SORTS = ["groupId", "state", "members", "totalLag", "maxLag", "timeLag", "status", "burrowStatus"] as const;
export type GroupSort = (typeof GROUP_SORTS)[number];

export interface GroupQuery {
  /** Substring of the group id or of a topic it reads, case-insensitive. */
  q: string;
  /** Only groups with these statuses; empty = all. */
  statuses: LagStatus[];
  sort: GroupSort;
  desc: boolean;
  page: number;
  pageSize: number;
}

export interface GroupPage {
  total: number;
  matched: number;
  page: number;
  pageSize: number;
  /** How many groups of the whole list have each status (for the filter chips). */
  statusCounts: Record<LagStatus, number>;
  totalLag: number;
  groups: GroupSummary[];
}

export function queryGroups(all: readonly GroupSummary[], q: GroupQuery): GroupPage {
  const statusCounts = Object.fromEntries(LAG_STATUSES.map((s) => [s, 0])) as Record<LagStatus, number>;
  let totalLag = 0;
  for (const g of all) {
    statusCounts[g.status]++;
    totalLag += g.totalLag;
  }
  const needle = q.q.trim().toLowerCase();
  const statuses = new Set(q.statuses);
  const matched = all.filter(
    (g) => (!statuses.size || statuses.has(g.status)) && (!needle || g.groupId.toLowerCase().includes(needle) || g.topics.some((t) => t.toLowerCase().includes(needle))),
  );
  const dir = q.desc ? -1 : 1;
  const by: Record<GroupSort, (a: GroupSummary, b: GroupSummary) => number> = {
    groupId: (a, b) => a.groupId.localeCompare(b.groupId),
    state: (a, b) => a.state.localeCompare(b.state),
    members: (a, b) => a.members - b.members,
    totalLag: (a, b) => a.totalLag - b.totalLag,
    maxLag: (a, b) => a.maxLag - b.maxLag,
    // Unknown time lag sorts below any known one.
    timeLag: (a, b) => (a.timeLag.seconds ?? -1) - (b.timeLag.seconds ?? -1),
    status: (a, b) => STATUS_SEVERITY[a.status] - STATUS_SEVERITY[b.status] || burrowRank(a) - burrowRank(b),
    burrowStatus: (a, b) => burrowRank(a) - burrowRank(b) || STATUS_SEVERITY[a.status] - STATUS_SEVERITY[b.status],
  };
  const sorted = [...matched].sort((a, b) => dir * by[q.sort](a, b) || a.groupId.localeCompare(b.groupId));
  const start = q.page * q.pageSize;
  return { total: all.length, matched: matched.length, page: q.page, pageSize: q.pageSize, statusCounts, totalLag, groups: sorted.slice(start, start + q.pageSize) };
}

const burrowRank = (g: GroupSummary) => BURROW_GROUP_STATUSES.indexOf(g.burrowStatus);
