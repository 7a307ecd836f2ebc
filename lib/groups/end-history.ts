// The recent end offsets of every partition, with the times they were read: what the time-lag estimate
// (time-lag.ts) reads. Kept in memory by the sampler, one entry per sample, bounded three ways: by age (the last
// hour by default), by points per partition (an idle partition keeps the first and last read of each run of equal
// end offsets, which is all interpolation needs), and by a budget of points over all partitions (past it, each
// partition keeps fewer, evenly thinned points). Pure; `recordEnds` updates the map it is given.
import type { EndSample } from "./lag-status";
import { partitionKey } from "./lag-window";

/** "topic\u0000partition" → end-offset reads, oldest first. */
export type EndHistory = Map<string, EndSample[]>;

export interface EndHistoryOptions {
  /** How far back reads are kept (ms). One read older than this stays, so the oldest moment is still bracketed. */
  maxAgeMs: number;
  /** Points one partition may keep at most. */
  maxPointsPerPartition: number;
  /** Points all partitions together may keep; each gets an equal share, at least `minPointsPerPartition`. */
  pointBudget: number;
  minPointsPerPartition: number;
}

export const DEFAULT_END_HISTORY_OPTIONS: Readonly<EndHistoryOptions> = {
  maxAgeMs: 60 * 60_000,
  maxPointsPerPartition: 250,
  pointBudget: 500_000,
  minPointsPerPartition: 16,
};

/** Points each partition may keep with `partitions` partitions in the history. */
export function pointsPerPartition(partitions: number, o: EndHistoryOptions): number {
  const share = Math.floor(o.pointBudget / Math.max(1, partitions));
  return Math.max(Math.min(o.minPointsPerPartition, o.maxPointsPerPartition), Math.min(o.maxPointsPerPartition, share));
}

/** Adds one read to a partition's points (oldest first), in place. */
export function addRead(points: EndSample[], read: EndSample, cap: number, maxAgeMs: number): void {
  const last = points[points.length - 1];
  if (last && read.at <= last.at) return;
  if (last && read.end < last.end) {
    // The end went back: the topic was recreated or truncated. The older reads describe another log.
    points.length = 0;
  } else if (points.length >= 2 && last.end === read.end && points[points.length - 2].end === read.end) {
    // Still idle: the run's first read stays, its last read moves on.
    points.pop();
  }
  points.push(read);
  const cutoff = read.at - maxAgeMs;
  let drop = 0;
  while (points.length - drop > 2 && points[drop + 1].at <= cutoff) drop++;
  if (drop) points.splice(0, drop);
  while (points.length > Math.max(2, cap)) thinOnce(points);
}

/** Removes the interior point whose neighbours are closest in time: the history thins evenly, ends kept. */
function thinOnce(points: EndSample[]): void {
  let best = 1;
  let bestGap = Infinity;
  for (let i = 1; i < points.length - 1; i++) {
    const gap = points[i + 1].at - points[i - 1].at;
    if (gap < bestGap) {
      bestGap = gap;
      best = i;
    }
  }
  points.splice(best, 1);
}

/**
 * Records one snapshot's end offsets (`topicEnds`, read at `at`) into `history`. Partitions whose end could not be
 * read keep their points; partitions no longer in the snapshot are dropped.
 */
// How many times each history was updated by recordEnds: a reader that takes its time over one (the state writer
// encodes it in slices) knows whether it changed meanwhile.
const updates = new WeakMap<EndHistory, number>();

/** How many times `history` was updated by recordEnds. */
export function historyUpdates(history: EndHistory): number {
  return updates.get(history) ?? 0;
}

export function recordEnds(history: EndHistory, topicEnds: Record<string, Record<number, number | null>>, at: number, options: Partial<EndHistoryOptions> = {}): EndHistory {
  updates.set(history, historyUpdates(history) + 1);
  const o = { ...DEFAULT_END_HISTORY_OPTIONS, ...options };
  const seen = new Set<string>();
  let partitions = 0;
  for (const parts of Object.values(topicEnds)) partitions += Object.keys(parts).length;
  const cap = pointsPerPartition(partitions, o);
  for (const [topic, parts] of Object.entries(topicEnds)) {
    for (const [p, end] of Object.entries(parts)) {
      const key = partitionKey(topic, Number(p));
      seen.add(key);
      if (end === null) continue;
      let points = history.get(key);
      if (!points) history.set(key, (points = []));
      addRead(points, { at, end }, cap, o.maxAgeMs);
    }
  }
  for (const key of [...history.keys()]) if (!seen.has(key)) history.delete(key);
  return history;
}

/** How many points the history holds (for its bound, and the tests). */
export function historySize(history: EndHistory): number {
  let n = 0;
  for (const points of history.values()) n += points.length;
  return n;
}
