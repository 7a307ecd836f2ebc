import { describe, expect, it } from "vitest";
import { advanceWindows, burrowGroupStatus, DEFAULT_LAG_OPTIONS, evaluateGroup, evaluateSnapshot, partitionKey, type LagWindows } from "./lag-window";
import { estimateCatchUp, summarizeGroup } from "./group-summary";
import type { WindowSample } from "./lag-status";
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
const windowsOf = (entries: [topic: string, partition: number, samples: WindowSample[]][]) => new Map(entries.map(([t, p, s]) => [partitionKey(t, p), s]));

describe("advanceWindows and evaluateSnapshot", () => {
  it("keeps the newest N samples per partition and judges the group by its worst partition", () => {
    let w: LagWindows = new Map();
    for (let i = 0; i < 5; i++) {
      // orders[0] is stuck with lag on an empty group (STOP); orders[1] is caught up.
      w = advanceWindows(w, snap(i * 10_000, [group("g", 0, [["orders", 0, 5, 100 + i], ["orders", 1, 50, 50]])]), { windowSize: 3 });
    }
    expect(w.get("g")!.get(partitionKey("orders", 0))!.length).toBe(3);
    const verdict = evaluateSnapshot(w, snap(40_000, [group("g", 0, [])]), { windowSize: 3 }).get("g")!;
    expect(verdict).toMatchObject({ status: "STOP", burrowStatus: "ERR", totalLag: 99 });
    expect(verdict.reason).toBe("STOP on orders[0]: no commit for 40 s since offset 5 (lag 99 now) — 1 of 2 partitions of orders");
    expect(verdict.partitions.find((p) => p.partition === 1)).toMatchObject({ status: "OK", ruleId: "no-lag" });
    expect(verdict.completeness).toMatchObject({ samples: 6, expected: 6, complete: 1, meetsMinimum: true, text: "" });
  });

  it("an active group that commits the same offset is STALL, not STOP", () => {
    let w: LagWindows = new Map();
    for (let i = 0; i < 3; i++) w = advanceWindows(w, snap(i * 10_000, [group("g", 1, [["t", 0, 5, 100 + i]])]), { windowSize: 10 });
    const v = evaluateSnapshot(w, snap(20_000, [group("g", 1, [])])).get("g")!;
    expect(v).toMatchObject({ status: "STALL", burrowStatus: "ERR" });
    expect(v.partitions[0].rule).toBe("committed offset unchanged at 5 for 20 s while lag grew 95 → 97");
  });

  it("a partition whose leader is unavailable keeps its window and does not fail the group", () => {
    let w: LagWindows = advanceWindows(new Map(), snap(0, [group("g", 1, [["t", 0, 5, 10]])]), { windowSize: 10 });
    w = advanceWindows(w, snap(10_000, [group("g", 1, [["t", 0, 5, null]])]), { windowSize: 10 });
    expect(w.get("g")!.get(partitionKey("t", 0))!.length).toBe(1);
  });

  it("one sample is not enough: OK, reported as incomplete", () => {
    const w = advanceWindows(new Map(), snap(0, [group("g", 0, [["t", 0, 5, 10], ["t", 1, 0, 30]])]));
    const v = evaluateSnapshot(w, snap(0, [group("g", 0, [])])).get("g")!;
    expect(v).toMatchObject({ status: "OK", burrowStatus: "OK", reason: "" });
    expect(v.completeness).toMatchObject({ samples: 2, expected: 20, unjudged: 2, meetsMinimum: false, text: "not enough samples yet on 2 of 2 partitions (fewest 1 of 10)" });
  });

  it("reports a committed offset past the end, which lag (clamped at 0) cannot show", () => {
    const s = snap(0, [group("g", 1, [["t", 0, 5, 10], ["t", 1, 130, 100]])]);
    const v = evaluateSnapshot(advanceWindows(new Map(), s), s).get("g")!;
    expect(s.groups[0].partitions[1].lag).toBe(0);
    expect(v.anomalies).toEqual([expect.objectContaining({ kind: "past-end", topic: "t", partition: 1, distance: -30 })]);
  });

  it("the allowed lag can differ per group", () => {
    let w: LagWindows = new Map();
    for (let i = 0; i < 3; i++) w = advanceWindows(w, snap(i * 60_000, [group("eos", 1, [["t", 0, 99, 100]]), group("plain", 1, [["t", 0, 99, 100]])]));
    const s = snap(120_000, [group("eos", 1, []), group("plain", 1, [])]);
    const v = evaluateSnapshot(w, s, { allowedLagByGroup: { eos: 1 } });
    expect(v.get("eos")).toMatchObject({ status: "OK", burrowStatus: "OK" });
    expect(v.get("plain")).toMatchObject({ status: "STALL", burrowStatus: "ERR" });
  });
});

describe("the group's reason names how many partitions fired which rule", () => {
  it("STALL on 4 of 6 partitions of demo.orders, with the range of their figures", () => {
    const minute = 60_000;
    const stuck = (committed: number, lags: number[]): WindowSample[] => lags.map((lag, i) => ({ at: i * minute, commitAt: i * minute, committed, lag, end: committed + lag }));
    const fine = (p: number): WindowSample[] => [0, 1, 2, 3, 4, 5].map((i) => ({ at: i * minute, commitAt: i * minute, committed: p * 10 + i * 10, lag: 0, end: p * 10 + i * 10 }));
    const w = windowsOf([
      ["demo.orders", 0, stuck(752, [699, 800, 900, 1000, 1100, 1200])],
      ["demo.orders", 1, stuck(10, [1000, 1200, 1400, 1600, 1800, 1891])],
      ["demo.orders", 2, fine(2)],
      ["demo.orders", 3, stuck(7, [5, 10, 15, 20, 25, 699])],
      ["demo.orders", 4, stuck(8, [1, 2, 3, 4, 5, 900])],
      ["demo.orders", 5, fine(5)],
    ]);
    const v = evaluateGroup(w, 5 * minute + 1_000);
    expect(v.reason).toBe("STALL on demo.orders[0], demo.orders[1], demo.orders[3], demo.orders[4]: committed offsets unchanged for 5 min while lag grew (now 699–1,891) — 4 of 6 partitions of demo.orders");
    expect(v.partitions.find((p) => p.partition === 3)!.rule).toBe("committed offset unchanged at 7 for 5 min while lag grew 5 → 699");
    expect(v).toMatchObject({ status: "STALL", burrowStatus: "ERR", totalLag: 1200 + 1891 + 699 + 900 });
    expect(v.maxLag).toMatchObject({ topic: "demo.orders", partition: 1, currentLag: 1891 });
  });

  it("worst status first, one clause each", () => {
    const at = (i: number) => i * 60_000;
    const w = windowsOf([
      ["a", 0, [0, 1, 2].map((i) => ({ at: at(i), commitAt: at(i), committed: 10 * i, lag: 90 + 10 * i, end: 100 + 20 * i }))],
      ["a", 1, [0, 1, 2].map((i) => ({ at: at(i), commitAt: 0, committed: 10, lag: 90 + 10 * i, end: 100 + 10 * i }))],
    ]);
    const v = evaluateGroup(w, at(2) + 1_000);
    expect(v.reason).toBe(
      "STOP on a[1]: no commit for 2 min 1 s since offset 10 (lag 110 now) — 1 of 2 partitions of a; " +
        "WARN on a[0]: lag never went down for 2 min (grew 90 → 110) while the committed offset moved 0 → 20 — 1 of 2 partitions of a",
    );
    expect(v.burrowStatus).toBe("ERR");
  });
});

// Burrow's group-level cases: caching_test.go's TestCachingEvaluator_* requests against the storage fixture
// (core/internal/storage/fixtures.go): one broker offset, 4321, on testtopic[0]; "testgroup" with a full ring of 10
// commits, offsets 1000, 1100, … 1900 ten seconds apart up to 10 s ago; "testgroup2" with the first 5 of them. Each
// commit's lag is 4321 − its offset (the broker offset was known when it was stored).
describe("Burrow's group evaluation (caching_test.go, coordinator_test.go)", () => {
  const now = 1_700_000_000_000;
  const startTime = now - 100_000;
  const fixture = (commits: number): Map<string, WindowSample[]> =>
    windowsOf([["testtopic", 0, Array.from({ length: commits }, (_, i) => ({ at: startTime + i * 10_000, commitAt: startTime + i * 10_000, committed: 1000 + i * 100, end: 4321, lag: 4321 - (1000 + i * 100) }))]]);

  it("SingleRequest_ShowAll / SingleRequest_NoShowAll (and the coordinator's Start): testgroup is OK, complete 1.0, 1 partition, total lag 2421", () => {
    const v = evaluateGroup(fixture(10), now);
    expect(v).toMatchObject({ burrowStatus: "OK", status: "OK", totalLag: 2421 });
    expect(v.completeness.complete).toBe(1);
    // ShowAll: every partition; without it Burrow returns only those above OK, here none.
    expect(v.partitions).toHaveLength(1);
    expect(v.partitions.filter((p) => p.status !== "OK")).toHaveLength(0);
  });

  it("SingleRequest_Incomplete: testgroup2 is ERR with complete 0.0; its partition is STOP, complete 0.5, maxlag from 1000 to 1400, total lag 2921", () => {
    const v = evaluateGroup(fixture(5), now);
    expect(v).toMatchObject({ burrowStatus: "ERR", status: "STOP", totalLag: 2921 });
    expect(v.completeness.complete).toBe(0);
    expect(v.partitions).toHaveLength(1);
    expect(v.partitions[0]).toMatchObject({ status: "STOP", complete: 0.5 });
    expect(v.maxLag?.first?.committed).toBe(1000);
    expect(v.maxLag?.last?.committed).toBe(1400);
    expect(v.partitions[0].rule).toBe("no commit for 1 min since offset 1,400, longer than the 40 s between the window's first and last commits (lag 2,921 now)");
  });

  it("Start: a group Burrow does not know is NOTFOUND", () => {
    expect(evaluateGroup(undefined, now).burrowStatus).toBe("NOTFOUND");
  });

  it("TopicDeleted: a group whose topics are all gone is OK, with no partitions and complete 0.0", () => {
    const v = evaluateGroup(new Map(), now);
    expect(v).toMatchObject({ burrowStatus: "OK", partitions: [] });
    expect(v.completeness.complete).toBe(0);
  });

  it("Configure: allowed-lag and minimum-complete default to 0, as Burrow's", () => {
    expect(DEFAULT_LAG_OPTIONS).toMatchObject({ allowedLag: 0, minimumComplete: 0, windowSize: 10 });
  });

  it("the roll-up: WARN partitions make the group WARN; any STOP, STALL or REWIND makes it ERR, whatever the order", () => {
    expect(burrowGroupStatus([])).toBe("OK");
    expect(burrowGroupStatus(["OK", "OK"])).toBe("OK");
    expect(burrowGroupStatus(["OK", "WARN"])).toBe("WARN");
    for (const bad of ["STOP", "STALL", "REWIND"] as const) {
      expect(burrowGroupStatus([bad])).toBe("ERR");
      expect(burrowGroupStatus(["WARN", bad])).toBe("ERR");
      expect(burrowGroupStatus([bad, "WARN"])).toBe("ERR");
    }
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
