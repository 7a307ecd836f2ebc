// How far behind a consumer is in time, not in messages: how long ago the partition's end offset stood where the
// group's committed offset stands now, read off the history of end offsets with their sample times. Pure.
import type { EndHistory } from "./end-history";
import { formatDuration, type EndSample } from "./lag-status";
import type { LagSnapshot } from "./lag-types";
import { partitionKey } from "./lag-window";

export type TimeLagBasis =
  /** The committed offset is at (or past) the latest end offset. */
  | "caught-up"
  /** Between two end-offset reads of the history, linearly. */
  | "interpolated"
  /** Older than the oldest read: the group is at least as far behind as the history is long. */
  | "lower-bound"
  /** No end offsets to read it from. */
  | "no-history";

export interface TimeLag {
  /** Seconds behind; null when there is no history. */
  seconds: number | null;
  basis: TimeLagBasis;
  /** When the end offset was at the committed offset (ms); for a lower bound, the oldest read; else null. */
  since: number | null;
  /** "about 45 s behind", "at least 2 h behind", "caught up", "unknown". */
  text: string;
}

/** "about 4 min behind", "at least 2 h behind"; under a second, said without a figure. */
function behindText(seconds: number, lowerBound: boolean): string {
  if (seconds < 1) return lowerBound ? "behind since before the first sample" : "less than a second behind";
  return `${lowerBound ? "at least" : "about"} ${formatDuration(seconds * 1000)} behind`;
}

function timeLag(basis: TimeLagBasis, seconds: number | null, since: number | null): TimeLag {
  const text = basis === "caught-up" ? "caught up" : basis === "no-history" ? "unknown" : behindText(seconds ?? 0, basis === "lower-bound");
  return { seconds, basis, since, text };
}

/**
 * The time lag of a partition whose group has committed `committed`, at `now` (ms), from its end-offset history
 * (any order). The committed offset is found between the latest two reads that straddle it, so a topic that sat
 * idle at that offset counts from when it stopped being idle, not from when it got there.
 */
export function partitionTimeLag(history: readonly EndSample[], committed: number, now: number): TimeLag {
  const reads = inTimeOrder(history);
  if (!reads.length) return timeLag("no-history", null, null);
  if (committed >= reads[reads.length - 1].end) return timeLag("caught-up", 0, null);
  for (let i = reads.length - 2; i >= 0; i--) {
    const [a, b] = [reads[i], reads[i + 1]];
    if (a.end <= committed && committed < b.end) {
      const at = a.at + ((committed - a.end) / (b.end - a.end)) * (b.at - a.at);
      return timeLag("interpolated", Math.max(0, (now - at) / 1000), at);
    }
  }
  return timeLag("lower-bound", Math.max(0, (now - reads[0].at) / 1000), reads[0].at);
}

/** The history itself when it is already oldest first (the sampler's always is), else a sorted copy. */
function inTimeOrder(history: readonly EndSample[]): readonly EndSample[] {
  for (let i = 1; i < history.length; i++) if (history[i].at < history[i - 1].at) return [...history].sort((a, b) => a.at - b.at);
  return history;
}

export interface PartitionTimeLag {
  topic: string;
  partition: number;
  timeLag: TimeLag;
}

export interface GroupTimeLag {
  /** The most any partition is behind (seconds); null when no partition has history. */
  seconds: number | null;
  /** True when some partition's figure is only a lower bound: the group may be further behind. */
  lowerBound: boolean;
  /** The partition furthest behind. */
  worst: { topic: string; partition: number } | null;
  /** Partitions without history to tell. */
  unknown: number;
  text: string;
}

/** A group's time lag: the maximum over its partitions. */
export function groupTimeLag(partitions: readonly PartitionTimeLag[]): GroupTimeLag {
  let worst: PartitionTimeLag | null = null;
  for (const p of partitions) {
    if (p.timeLag.seconds !== null && (!worst || p.timeLag.seconds > (worst.timeLag.seconds ?? 0))) worst = p;
  }
  const lowerBound = partitions.some((p) => p.timeLag.basis === "lower-bound");
  const unknown = partitions.filter((p) => p.timeLag.seconds === null).length;
  const seconds = worst?.timeLag.seconds ?? null;
  const text = seconds === null ? "unknown" : seconds === 0 && !lowerBound ? "caught up" : behindText(seconds, lowerBound);
  return { seconds, lowerBound, worst: worst && { topic: worst.topic, partition: worst.partition }, unknown, text };
}

export interface GroupTimeLags {
  group: GroupTimeLag;
  /** Per "topic\u0000partition" with a committed offset. */
  partitions: Map<string, TimeLag>;
}

/** Every group's time lag at the snapshot's time, from the end-offset history (which includes the snapshot's reads). */
export function snapshotTimeLags(snapshot: LagSnapshot, history: EndHistory): Map<string, GroupTimeLags> {
  const out = new Map<string, GroupTimeLags>();
  for (const g of snapshot.groups) {
    const partitions = new Map<string, TimeLag>();
    const rows: PartitionTimeLag[] = [];
    for (const p of g.partitions) {
      if (p.committed === null) continue;
      const key = partitionKey(p.topic, p.partition);
      const timeLag = partitionTimeLag(history.get(key) ?? [], p.committed, snapshot.takenAt);
      partitions.set(key, timeLag);
      rows.push({ topic: p.topic, partition: p.partition, timeLag });
    }
    out.set(g.groupId, { group: groupTimeLag(rows), partitions });
  }
  return out;
}
