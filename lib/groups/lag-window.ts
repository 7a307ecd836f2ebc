// The last N samples of every group's partitions, advanced one snapshot at a time, and the verdicts Burrow's
// evaluator gives on them: per partition (lag-status.ts) and per group, as Burrow rolls them up. Pure: the sampler
// keeps the windows in memory between snapshots.
import { DEFAULT_PARTITION_OPTIONS, formatDuration, partitionStatus, type PartitionOptions, type PartitionVerdict, type WindowSample } from "./lag-status";
import { worstStatus, type BurrowGroupStatus, type GroupSnapshot, type LagSnapshot, type LagStatus, type PartitionOffsets } from "./lag-types";
import { offsetAnomalies, type OffsetAnomaly } from "./offset-anomalies";
import { formatCount } from "./format-count";

/** group id → "topic\u0000partition" → samples, oldest first. */
export type LagWindows = Map<string, Map<string, WindowSample[]>>;

export const partitionKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;

function splitKey(key: string): { topic: string; partition: number } {
  const i = key.lastIndexOf("\u0000");
  return { topic: key.slice(0, i), partition: Number(key.slice(i + 1)) };
}

export interface LagOptions extends PartitionOptions {
  /** Allowed lag per group id, in place of `allowedLag` for that group. */
  allowedLagByGroup: Readonly<Record<string, number>>;
}

export const DEFAULT_LAG_OPTIONS: Readonly<LagOptions> = { ...DEFAULT_PARTITION_OPTIONS, allowedLagByGroup: {} };

export function allowedLagFor(options: Partial<LagOptions>, groupId: string): number {
  return options.allowedLagByGroup?.[groupId] ?? options.allowedLag ?? DEFAULT_LAG_OPTIONS.allowedLag;
}

/**
 * The windows after `snapshot`: each partition with a committed and an end offset gains a sample and keeps the
 * newest `windowSize`. A partition whose end offset could not be read keeps its window unchanged; groups and
 * partitions no longer present are dropped.
 */
export function advanceWindows(prev: LagWindows, snapshot: LagSnapshot, options: Partial<Pick<LagOptions, "windowSize">> = {}): LagWindows {
  const size = options.windowSize ?? DEFAULT_LAG_OPTIONS.windowSize;
  const next: LagWindows = new Map();
  for (const g of snapshot.groups) {
    const before = prev.get(g.groupId);
    const active = g.members.length > 0;
    const windows = new Map<string, WindowSample[]>();
    for (const p of g.partitions) {
      const key = partitionKey(p.topic, p.partition);
      const old = before?.get(key) ?? [];
      if (p.committed === null || p.end === null || p.lag === null) {
        if (old.length) windows.set(key, old);
        continue;
      }
      const last = old[old.length - 1];
      const commitAt = active || !last || last.committed !== p.committed ? snapshot.takenAt : last.commitAt;
      const sample: WindowSample = { at: snapshot.takenAt, committed: p.committed, end: p.end, lag: p.lag, commitAt };
      windows.set(key, [...old, sample].slice(-size));
    }
    if (g.error && before) for (const [k, v] of before) if (!windows.has(k)) windows.set(k, v);
    next.set(g.groupId, windows);
  }
  return next;
}

export interface PartitionStatusRow extends PartitionVerdict {
  topic: string;
  partition: number;
}

export interface GroupCompleteness {
  windowSize: number;
  /** Samples held over all partitions, and what full windows would hold. */
  samples: number;
  expected: number;
  /** Burrow's group `complete`: the share of partitions whose window is full (0 without partitions). */
  complete: number;
  minimumComplete: number;
  /** Partitions below the minimum: reported OK without being judged. */
  unjudged: number;
  /** Samples in the emptiest partition's window (0 without partitions). */
  fewest: number;
  /** Every partition reached the minimum, so every status comes from the rules. */
  meetsMinimum: boolean;
  /** In words; "" when every window is full. */
  text: string;
}

export interface GroupVerdict {
  /** The worst partition status (Topiary's severity: STOP worst). */
  status: LagStatus;
  /** The group status as Burrow reports it: ERR for any STOP, STALL or REWIND partition, WARN for a WARN one. */
  burrowStatus: BurrowGroupStatus;
  /** How many partitions fired which rule, with their figures; "" when every partition is OK. */
  reason: string;
  partitions: PartitionStatusRow[];
  completeness: GroupCompleteness;
  /** Burrow's `totallag` and `maxlag`. */
  totalLag: number;
  maxLag: PartitionStatusRow | null;
  /** Committed offsets below the log start or past the end (lag, clamped at 0, does not show them). */
  anomalies: OffsetAnomaly[];
}

// Burrow's StatusConstant values, whose order its group roll-up relies on.
const BURROW_CODE: Record<LagStatus, number> = { OK: 1, WARN: 2, STOP: 4, STALL: 5, REWIND: 6 };
const BURROW_ERR = 3;

/** Burrow's roll-up: the highest partition status, where any status above ERR counts as ERR. */
export function burrowGroupStatus(statuses: Iterable<LagStatus>): BurrowGroupStatus {
  let code = BURROW_CODE.OK;
  for (const s of statuses) if (BURROW_CODE[s] > code) code = BURROW_CODE[s] > BURROW_ERR ? BURROW_ERR : BURROW_CODE[s];
  return code === BURROW_ERR ? "ERR" : code === BURROW_CODE.WARN ? "WARN" : "OK";
}

/**
 * Each partition's status and the group's, at `now` (ms): Burrow's `evaluateConsumerStatus`. `windows` undefined is a
 * group Burrow does not know (NOTFOUND); `options.allowedLag` is this group's; `offsets` are the group's partitions
 * in the latest snapshot, for their anomalies.
 */
export function evaluateGroup(
  windows: Map<string, WindowSample[]> | undefined,
  now: number,
  options: Partial<LagOptions> = {},
  offsets: readonly PartitionOffsets[] = [],
): GroupVerdict {
  const o = { ...DEFAULT_LAG_OPTIONS, ...options };
  const partitions: PartitionStatusRow[] = [];
  for (const [key, samples] of windows ?? []) {
    const { topic, partition } = splitKey(key);
    const v = partitionStatus({ samples }, now, o);
    partitions.push({
      topic,
      partition,
      status: v.status,
      ruleId: v.ruleId,
      rule: v.rule,
      currentLag: v.currentLag,
      samples: v.samples,
      windowSize: v.windowSize,
      complete: v.complete,
      judged: v.judged,
      first: v.first,
      last: v.last,
      sinceCommitMs: v.sinceCommitMs,
      spanMs: v.spanMs,
    });
  }
  // Code-point order, as the snapshot sorts (localeCompare costs a microsecond a call, on every sample).
  partitions.sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
  let maxLag: PartitionStatusRow | null = null;
  for (const p of partitions) if (!maxLag || p.currentLag > maxLag.currentLag) maxLag = p;
  return {
    status: worstStatus(partitions.map((p) => p.status)),
    burrowStatus: windows ? burrowGroupStatus(partitions.map((p) => p.status)) : "NOTFOUND",
    reason: describeVerdict(partitions),
    partitions,
    completeness: completenessOf(partitions, o),
    totalLag: partitions.reduce((sum, p) => sum + p.currentLag, 0),
    maxLag,
    anomalies: offsetAnomalies(offsets),
  };
}

/** Group status per group id, for every group of the snapshot. */
export function evaluateSnapshot(windows: LagWindows, snapshot: LagSnapshot, options: Partial<LagOptions> = {}): Map<string, GroupVerdict> {
  const out = new Map<string, GroupVerdict>();
  for (const g of snapshot.groups) {
    out.set(g.groupId, evaluateGroup(windows.get(g.groupId), snapshot.takenAt, { ...options, allowedLag: allowedLagFor(options, g.groupId) }, g.partitions));
  }
  return out;
}

function completenessOf(rows: readonly PartitionStatusRow[], o: LagOptions): GroupCompleteness {
  const samples = rows.reduce((sum, r) => sum + Math.min(r.samples, o.windowSize), 0);
  const expected = rows.length * o.windowSize;
  const unjudged = rows.filter((r) => !r.judged).length;
  const fewest = rows.length ? Math.min(...rows.map((r) => r.samples)) : 0;
  const text = !rows.length
    ? "no partitions with samples yet"
    : unjudged
      ? `not enough samples yet on ${unjudged} of ${rows.length} partitions (fewest ${fewest} of ${o.windowSize})`
      : samples < expected
        ? `window filling: ${samples} of ${expected} samples`
        : "";
  return {
    windowSize: o.windowSize,
    samples,
    expected,
    complete: rows.length ? rows.filter((r) => r.complete === 1).length / rows.length : 0,
    minimumComplete: o.minimumComplete,
    unjudged,
    fewest: Math.min(fewest, o.windowSize),
    meetsMinimum: rows.length > 0 && unjudged === 0,
    text,
  };
}

/** The window's fill for a page: "7 of 10 samples", or "not enough samples yet (1 of 10)". */
export function completenessLabel(c: Pick<GroupCompleteness, "fewest" | "windowSize" | "meetsMinimum" | "expected">): string {
  if (!c.expected) return "no samples yet";
  return c.meetsMinimum ? `${c.fewest} of ${c.windowSize} samples` : `not enough samples yet (${c.fewest} of ${c.windowSize})`;
}

// ---- The group's reason: one clause per firing status, worst first.

const n = formatCount;

function range(values: readonly number[], format: (x: number) => string): string {
  const lo = format(Math.min(...values));
  const hi = format(Math.max(...values));
  return lo === hi ? lo : `${lo}–${hi}`;
}

function describeVerdict(rows: readonly PartitionStatusRow[]): string {
  const perTopic = new Map<string, number>();
  for (const r of rows) perTopic.set(r.topic, (perTopic.get(r.topic) ?? 0) + 1);
  const byStatus = new Map<LagStatus, PartitionStatusRow[]>();
  for (const r of rows) if (r.status !== "OK") byStatus.set(r.status, [...(byStatus.get(r.status) ?? []), r]);
  return [...byStatus.entries()]
    .sort((a, b) => (worstStatus([a[0], b[0]]) === a[0] ? -1 : 1))
    .map(([status, list]) => {
      const where = list.slice(0, 4).map((r) => `${r.topic}[${r.partition}]`).join(", ") + (list.length > 4 ? ` and ${list.length - 4} more` : "");
      const counts = new Map<string, number>();
      for (const r of list) counts.set(r.topic, (counts.get(r.topic) ?? 0) + 1);
      const share = [...counts].map(([topic, k]) => `${k} of ${perTopic.get(topic)} partition${perTopic.get(topic) === 1 ? "" : "s"} of ${topic}`).join(", ");
      return `${status} on ${where}: ${list.length === 1 ? list[0].rule : together(status, list)} — ${share}`;
    })
    .join("; ");
}

/** What a rule found on several partitions, with the range of their figures. */
function together(status: LagStatus, list: readonly PartitionStatusRow[]): string {
  const lags = range(list.map((r) => r.currentLag), n);
  const lastCommitted = list.map((r) => r.last?.committed ?? 0);
  switch (status) {
    case "STOP":
      return `no commit for ${range(list.map((r) => r.sinceCommitMs), formatDuration)} since offsets ${range(lastCommitted, n)} (lag ${lags} now)`;
    case "REWIND":
      return `committed offsets went back and have not got back to where they were (lag ${lags} now)`;
    case "STALL": {
      const grew = list.filter((r) => (r.last?.lag ?? 0) > (r.first?.lag ?? 0)).length;
      const how = grew === list.length ? "while lag grew" : grew === 0 ? "with lag steady" : "with lag";
      return `committed offsets unchanged for ${range(list.map((r) => r.spanMs), formatDuration)} ${how} (now ${lags})`;
    }
    case "WARN":
      return `lag never went down for ${range(list.map((r) => r.spanMs), formatDuration)} while committed offsets moved (lag ${lags} now)`;
    case "OK":
      return "";
  }
}

export type { GroupSnapshot };
