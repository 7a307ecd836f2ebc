import { describe, expect, it } from "vitest";
import type { GroupSnapshot, LagSnapshot } from "./lag-types";
import { countRetentionLoss, emptyLedger } from "./retention-loss";

function snap(parts: [committed: number | null, logStart: number | null][], groupId = "g"): LagSnapshot {
  const group: GroupSnapshot = {
    groupId,
    state: "Empty",
    members: [],
    partitions: parts.map(([committed, logStart], partition) => ({ topic: "t", partition, committed, end: 1000, lag: committed === null ? null : 1000 - committed, logStart })),
  };
  return { clusterId: "c", takenAt: 0, tookMs: 1, groups: [group], topicEnds: {}, unavailable: [] };
}

describe("counting messages lost to retention", () => {
  it("counts each deleted message once, however many samples see it missing", () => {
    let l = countRetentionLoss(emptyLedger(), snap([[10, 60], [500, 0]]));
    expect(l.totals.get("g")).toBe(50);
    l = countRetentionLoss(l, snap([[10, 60], [500, 0]]));
    expect(l.totals.get("g")).toBe(50);
    // Retention deletes 40 more below the group.
    l = countRetentionLoss(l, snap([[10, 100], [500, 0]]));
    expect(l.totals.get("g")).toBe(90);
  });

  it("keeps its count when the consumer skips ahead, and counts a new loss from where it was", () => {
    let l = countRetentionLoss(emptyLedger(), snap([[10, 60]]));
    // The consumer resumes at the log start and reads on.
    l = countRetentionLoss(l, snap([[80, 60]]));
    expect(l.totals.get("g")).toBe(50);
    // It falls behind again: only the messages after 80 are new losses.
    l = countRetentionLoss(l, snap([[80, 130]]));
    expect(l.totals.get("g")).toBe(100);
  });

  it("counts nothing without a log start or a committed offset, and forgets groups that are gone", () => {
    let l = countRetentionLoss(emptyLedger(), snap([[null, 60], [10, null]]));
    expect(l.totals.get("g")).toBe(0);
    l = countRetentionLoss(l, snap([[10, 60]], "other"));
    expect([...l.totals.keys()]).toEqual(["other"]);
  });
});
