// Rows for the consumer-groups page and figures for a group's detail. Pure.
import type { WindowSample } from "./lag-status";
import type { GroupVerdict } from "./lag-window";
import type { GroupSnapshot, LagStatus } from "./lag-types";

export interface GroupSummary {
  groupId: string;
  state: string;
  members: number;
  topics: string[];
  totalLag: number;
  maxLag: number;
  /** Where the largest lag is, e.g. "orders[3]"; null without lag. */
  maxLagAt: string | null;
  status: LagStatus;
  reason: string;
  /** Partitions whose lag is unknown this time (leader unavailable). */
  unavailable: number;
  error?: string;
}

export function summarizeGroup(g: GroupSnapshot, verdict: GroupVerdict | undefined): GroupSummary {
  let totalLag = 0;
  let maxLag = 0;
  let maxLagAt: string | null = null;
  let unavailable = 0;
  const topics = new Set<string>();
  for (const p of g.partitions) {
    topics.add(p.topic);
    if (p.leaderUnavailable) unavailable++;
    if (p.lag === null) continue;
    totalLag += p.lag;
    if (p.lag > maxLag) {
      maxLag = p.lag;
      maxLagAt = `${p.topic}[${p.partition}]`;
    }
  }
  return {
    groupId: g.groupId,
    state: g.state,
    members: g.members.length,
    topics: [...topics].sort(),
    totalLag,
    maxLag,
    maxLagAt,
    status: verdict?.status ?? "OK",
    reason: verdict?.reason ?? "",
    unavailable,
    ...(g.error ? { error: g.error } : {}),
  };
}

export interface CatchUp {
  /** Messages per second the group commits, over the window. */
  consumeRate: number;
  /** Messages per second arriving on the partitions it reads, over the window. */
  produceRate: number;
  /** Seconds until lag reaches 0 at these rates; null when it is not shrinking (or there is no lag). */
  etaSeconds: number | null;
  /** In words, for the page. */
  text: string;
}

/** Time to catch up from the recent consume and produce rates (the first and last samples of each window). */
export function estimateCatchUp(windows: Iterable<readonly WindowSample[]>, totalLag: number): CatchUp {
  let consumed = 0;
  let produced = 0;
  let spanMs = 0;
  for (const w of windows) {
    if (w.length < 2) continue;
    const a = w[0];
    const b = w[w.length - 1];
    consumed += Math.max(0, b.committed - a.committed);
    produced += Math.max(0, b.end - a.end);
    spanMs = Math.max(spanMs, b.at - a.at);
  }
  if (spanMs <= 0) return { consumeRate: 0, produceRate: 0, etaSeconds: null, text: "Needs two samples to estimate." };
  const consumeRate = consumed / (spanMs / 1000);
  const produceRate = produced / (spanMs / 1000);
  if (totalLag === 0) return { consumeRate, produceRate, etaSeconds: 0, text: "Caught up." };
  const net = consumeRate - produceRate;
  if (net <= 0) {
    return { consumeRate, produceRate, etaSeconds: null, text: consumeRate === 0 ? "Not consuming: lag will not shrink." : "Falling behind: messages arrive faster than they are consumed." };
  }
  const etaSeconds = totalLag / net;
  return { consumeRate, produceRate, etaSeconds, text: `About ${formatDuration(etaSeconds)} to catch up at the recent rates.` };
}

export function formatDuration(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 48 * 3600) return `${(seconds / 3600).toFixed(1)} h`;
  return `${Math.round(seconds / 86400)} days`;
}
