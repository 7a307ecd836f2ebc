// Rows for the consumer-groups page and figures for a group's detail. Pure.
import type { WindowSample } from "./lag-status";
import { completenessLabel, type GroupVerdict } from "./lag-window";
import type { BurrowGroupStatus, GroupSnapshot, LagStatus } from "./lag-types";
import { offsetAnomalies } from "./offset-anomalies";
import type { GroupTimeLag } from "./time-lag";

export interface GroupSummary {
  groupId: string;
  state: string;
  members: number;
  topics: string[];
  totalLag: number;
  maxLag: number;
  /** Where the largest lag is, e.g. "orders[3]"; null without lag. */
  maxLagAt: string | null;
  /** The worst partition status. */
  status: LagStatus;
  /** The group status as Burrow reports it (OK, WARN, ERR; NOTFOUND before the group's first sample). */
  burrowStatus: BurrowGroupStatus;
  reason: string;
  /** How full the status window is: "7 of 10 samples", "not enough samples yet (1 of 10)". */
  completeness: { text: string; judged: boolean };
  /** How far behind in time, at worst over the partitions. */
  timeLag: { seconds: number | null; lowerBound: boolean; text: string };
  /** Messages retention deleted before the group read them, over its partitions now. */
  retentionLost: number;
  /** Partitions whose committed offset is past the end. */
  pastEnd: number;
  /** Partitions whose lag is unknown this time (leader unavailable). */
  unavailable: number;
  error?: string;
}

const UNKNOWN_TIME_LAG: GroupSummary["timeLag"] = { seconds: null, lowerBound: false, text: "unknown" };

export function summarizeGroup(g: GroupSnapshot, verdict: GroupVerdict | undefined, timeLag?: GroupTimeLag): GroupSummary {
  let totalLag = 0;
  let maxLag = 0;
  let maxLagAt: string | null = null;
  let unavailable = 0;
  const topics = new Set<string>();
  const anomalies = verdict?.anomalies ?? offsetAnomalies(g.partitions);
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
    burrowStatus: verdict?.burrowStatus ?? "NOTFOUND",
    reason: verdict?.reason ?? "",
    completeness: verdict
      ? { text: completenessLabel(verdict.completeness), judged: verdict.completeness.meetsMinimum }
      : { text: "no samples yet", judged: false },
    timeLag: timeLag ? { seconds: timeLag.seconds, lowerBound: timeLag.lowerBound, text: timeLag.text } : UNKNOWN_TIME_LAG,
    retentionLost: anomalies.reduce((sum, a) => sum + (a.kind === "retention-loss" ? a.lost : 0), 0),
    pastEnd: anomalies.filter((a) => a.kind === "past-end").length,
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

export interface WindowRates {
  /** Messages per second committed, and arriving, over the windows; 0 without a span. */
  consumeRate: number;
  produceRate: number;
  /** The longest window's span (ms); 0 when no window has two samples. */
  spanMs: number;
}

/**
 * Consume and produce rates over status windows (the first and last samples of each, summed over partitions, over
 * the longest span). The group page and the designer's canvas both use this, so their figures agree.
 */
export function windowRates(windows: Iterable<readonly WindowSample[]>): WindowRates {
  let consumed = 0;
  let produced = 0;
  let spanMs = 0;
  for (const w of windows) {
    if (w.length < 2) continue;
    const a = w[0];
    const b = w[w.length - 1];
    // A committed offset reset backwards, or a topic recreated, moves nothing forward: not a negative rate.
    consumed += Math.max(0, b.committed - a.committed);
    produced += Math.max(0, b.end - a.end);
    spanMs = Math.max(spanMs, b.at - a.at);
  }
  if (spanMs <= 0) return { consumeRate: 0, produceRate: 0, spanMs: 0 };
  return { consumeRate: consumed / (spanMs / 1000), produceRate: produced / (spanMs / 1000), spanMs };
}

/** Time to catch up from the recent consume and produce rates (windowRates). */
export function estimateCatchUp(windows: Iterable<readonly WindowSample[]>, totalLag: number): CatchUp {
  const { consumeRate, produceRate, spanMs } = windowRates(windows);
  if (spanMs <= 0) return { consumeRate: 0, produceRate: 0, etaSeconds: null, text: "Needs two samples to estimate." };
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
