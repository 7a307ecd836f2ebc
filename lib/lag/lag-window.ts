// The last N samples of every group's partitions, advanced one snapshot at a time, and the verdicts Burrow's
// rules give on them. Pure: the sampler keeps the windows in memory between snapshots.
import { partitionStatus, type WindowSample } from "./lag-status";
import { worstStatus, type GroupSnapshot, type LagSnapshot, type LagStatus } from "./lag-types";

/** group id → "topic\u0000partition" → samples, oldest first. */
export type LagWindows = Map<string, Map<string, WindowSample[]>>;

export const partitionKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;

function splitKey(key: string): { topic: string; partition: number } {
  const i = key.lastIndexOf("\u0000");
  return { topic: key.slice(0, i), partition: Number(key.slice(i + 1)) };
}

/**
 * The windows after `snapshot`: each partition with a committed and an end offset gains a sample and keeps
 * the newest `size`. A partition whose end offset could not be read keeps its window unchanged; groups and
 * partitions no longer present are dropped.
 */
export function advanceWindows(prev: LagWindows, snapshot: LagSnapshot, size: number): LagWindows {
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

export interface PartitionStatusRow {
  topic: string;
  partition: number;
  status: LagStatus;
  rule: string;
}

export interface GroupVerdict {
  status: LagStatus;
  /** Which rule fired on which partitions, in words; "" when every partition is OK. */
  reason: string;
  partitions: PartitionStatusRow[];
}

/** Each partition's status and the group's (its worst partition's), with the reason in words. */
export function evaluateGroup(windows: Map<string, WindowSample[]> | undefined, now: number): GroupVerdict {
  const partitions: PartitionStatusRow[] = [];
  for (const [key, samples] of windows ?? []) {
    const { topic, partition } = splitKey(key);
    partitions.push({ topic, partition, ...partitionStatus(samples, now) });
  }
  partitions.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
  const status = worstStatus(partitions.map((p) => p.status));
  return { status, reason: describeVerdict(partitions), partitions };
}

function describeVerdict(rows: PartitionStatusRow[]): string {
  const bad = rows.filter((r) => r.status !== "OK");
  if (!bad.length) return "";
  const byStatus = new Map<LagStatus, PartitionStatusRow[]>();
  for (const r of bad) byStatus.set(r.status, [...(byStatus.get(r.status) ?? []), r]);
  return [...byStatus.entries()]
    .sort((a, b) => worstFirst(a[0], b[0]))
    .map(([status, list]) => {
      const where = list.slice(0, 4).map((r) => `${r.topic}[${r.partition}]`).join(", ") + (list.length > 4 ? ` and ${list.length - 4} more` : "");
      return `${status} on ${where}: ${list[0].rule}`;
    })
    .join("; ");
}

function worstFirst(a: LagStatus, b: LagStatus): number {
  return worstStatus([a, b]) === a ? -1 : 1;
}

/** Group status per group id, for every group of the snapshot. */
export function evaluateSnapshot(windows: LagWindows, snapshot: LagSnapshot): Map<string, GroupVerdict> {
  const out = new Map<string, GroupVerdict>();
  for (const g of snapshot.groups) out.set(g.groupId, evaluateGroup(windows.get(g.groupId), snapshot.takenAt));
  return out;
}

export type { GroupSnapshot };
