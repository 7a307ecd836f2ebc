// A running count of the messages retention deleted before a group read them, for a Prometheus counter: each
// sample in which a group's committed offset is below the partition's log start adds the deleted messages not
// counted before (a message is counted once, however many samples see it missing). Pure: the sampler carries
// the ledger from one sample to the next; it starts at 0 when the console starts, as counters do.
import type { LagSnapshot } from "./lag-types";

export interface RetentionLedger {
  /** "group\u0000topic\u0000partition" → the offset up to which deleted messages are counted. */
  countedTo: Map<string, number>;
  /** Group id → messages counted so far. */
  totals: Map<string, number>;
}

export const emptyLedger = (): RetentionLedger => ({ countedTo: new Map(), totals: new Map() });

/** The ledger after `snapshot`. Groups no longer in the snapshot are dropped. */
export function countRetentionLoss(prev: RetentionLedger, snapshot: LagSnapshot): RetentionLedger {
  const next = emptyLedger();
  for (const g of snapshot.groups) {
    let total = prev.totals.get(g.groupId) ?? 0;
    for (const p of g.partitions) {
      const key = `${g.groupId}\u0000${p.topic}\u0000${p.partition}`;
      const before = prev.countedTo.get(key);
      if (p.committed === null || p.logStart === null || p.logStart === undefined || p.committed >= p.logStart) {
        // Nothing missing now; what was counted stays counted (the consumer may fall behind again).
        if (before !== undefined && p.committed !== null && p.committed < before) next.countedTo.set(key, before);
        continue;
      }
      const from = Math.max(p.committed, before ?? p.committed);
      total += Math.max(0, p.logStart - from);
      next.countedTo.set(key, Math.max(p.logStart, before ?? 0));
    }
    next.totals.set(g.groupId, total);
  }
  return next;
}
