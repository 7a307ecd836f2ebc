import { describe, expect, it } from "vitest";
import { advanceWindows, evaluateSnapshot, partitionKey, type LagWindows } from "./lag-window";
import { estimateCatchUp, summarizeGroup } from "./group-summary";
import type { GroupSnapshot, LagSnapshot } from "./lag-types";

function snap(takenAt: number, groups: GroupSnapshot[]): LagSnapshot {
  return { clusterId: "c", takenAt, tookMs: 1, groups, topicEnds: {}, unavailable: [] };
}
function group(groupId: string, members: number, parts: [topic: string, p: number, committed: number | null, end: number | null][]): GroupSnapshot {
  return {
    groupId,
    state: members ? "Stable" : "Empty",
    members: Array.from({ length: members }, (_, i) => ({ memberId: `m${i}`, clientId: "app", host: "/127.0.0.1", assignments: [] })),
    partitions: parts.map(([topic, partition, committed, end]) => ({
      topic,
      partition,
      committed,
      end,
      lag: committed !== null && end !== null ? Math.max(0, end - committed) : null,
      ...(end === null ? { leaderUnavailable: true } : {}),
    })),
  };
}

describe("advanceWindows and evaluateSnapshot", () => {
  it("keeps the newest N samples per partition and judges the group by its worst partition", () => {
    let w: LagWindows = new Map();
    for (let i = 0; i < 5; i++) {
      // orders[0] is stuck with lag on an empty group (STOP); orders[1] is caught up.
      w = advanceWindows(w, snap(i * 10_000, [group("g", 0, [["orders", 0, 5, 100 + i], ["orders", 1, 50, 50]])]), 3);
    }
    expect(w.get("g")!.get(partitionKey("orders", 0))!.length).toBe(3);
    const verdict = evaluateSnapshot(w, snap(40_000, [group("g", 0, [])])).get("g")!;
    expect(verdict.status).toBe("STOP");
    expect(verdict.reason).toMatch(/^STOP on orders\[0\]: no commit/);
    expect(verdict.partitions.find((p) => p.partition === 1)!.status).toBe("OK");
  });

  it("an active group that commits the same offset is STALL, not STOP", () => {
    let w: LagWindows = new Map();
    for (let i = 0; i < 3; i++) w = advanceWindows(w, snap(i * 10_000, [group("g", 1, [["t", 0, 5, 100 + i]])]), 10);
    expect(evaluateSnapshot(w, snap(20_000, [group("g", 1, [])])).get("g")!.status).toBe("STALL");
  });

  it("a partition whose leader is unavailable keeps its window and does not fail the group", () => {
    let w: LagWindows = advanceWindows(new Map(), snap(0, [group("g", 1, [["t", 0, 5, 10]])]), 10);
    w = advanceWindows(w, snap(10_000, [group("g", 1, [["t", 0, 5, null]])]), 10);
    expect(w.get("g")!.get(partitionKey("t", 0))!.length).toBe(1);
  });
});

describe("summarizeGroup and estimateCatchUp", () => {
  it("sums lag, finds the largest, counts unavailable partitions", () => {
    const s = summarizeGroup(group("g", 2, [["a", 0, 0, 10], ["a", 1, 5, 40], ["b", 0, 1, null]]), undefined);
    expect(s).toMatchObject({ totalLag: 45, maxLag: 35, maxLagAt: "a[1]", members: 2, topics: ["a", "b"], unavailable: 1, status: "OK" });
  });

  it("estimates the time to catch up from consume and produce rates", () => {
    const w = [
      { at: 0, committed: 0, end: 1000, lag: 1000, commitAt: 0 },
      { at: 10_000, committed: 200, end: 1100, lag: 900, commitAt: 10_000 },
    ];
    const c = estimateCatchUp([w], 900);
    expect(c.consumeRate).toBe(20);
    expect(c.produceRate).toBe(10);
    expect(c.etaSeconds).toBe(90);
    expect(estimateCatchUp([w.map((s) => ({ ...s, committed: 0 }))], 900).etaSeconds).toBeNull();
  });
});
