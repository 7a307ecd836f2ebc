import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { advanceLagState, type LagState } from "./advance-lag-state";
import { decodeEndHistory, decodeLagState, encodeEndHistory, encodeEndHistorySteps, encodeLagState, encodeLagStateSteps, restoreLagState } from "./lag-state-codec";
import type { GroupSnapshot, LagSnapshot } from "./lag-types";

const T0 = Date.UTC(2026, 11, 2, 10);

/** A cluster with an active group, an idle one with lag, one whose offsets could not be read, and odd partitions. */
function snapshot(i: number): LagSnapshot {
  const at = T0 + i * 15_000;
  const groups: GroupSnapshot[] = [
    {
      groupId: "orders-app",
      state: "Stable",
      members: [{ memberId: "m-1", clientId: "orders", host: "/10.0.0.1", assignments: [{ topic: "orders", partitions: [0, 1] }] }],
      partitions: [
        { topic: "orders", partition: 0, committed: 9_000_000_000 + i * 100, end: 9_000_000_050 + i * 110, lag: 50 + i * 10, logStart: 0 },
        { topic: "orders", partition: 1, committed: 10 + i, end: 20 + i, lag: 10, logStart: null },
      ],
    },
    {
      groupId: "idle\u0000odd name",
      state: "Empty",
      members: [],
      partitions: [
        // Committed past the end: lag clamped to 0 (as the snapshot does).
        { topic: "payments", partition: 3, committed: 500, end: 400, lag: 0 },
        // Below the log start: messages lost to retention.
        { topic: "payments", partition: 4, committed: 5, end: 900 + i, lag: 895 + i, logStart: 100 + i * 10 },
        // Leader unavailable: end unknown this time.
        { topic: "payments", partition: 5, committed: 7, end: i === 2 ? null : 70, lag: i === 2 ? null : 63, leaderUnavailable: i === 2 ? true : undefined },
      ],
    },
    { groupId: "broken", state: "Unknown", members: [], partitions: [], ...(i > 0 ? { error: "coordinator not available" } : {}) },
  ];
  for (const g of groups) for (const p of g.partitions) if (p.leaderUnavailable === undefined) delete p.leaderUnavailable;
  return {
    clusterId: "c-1",
    takenAt: at,
    tookMs: 120 + i,
    groups,
    topicEnds: { orders: { 0: 9_000_000_050 + i * 110, 1: 20 + i }, payments: { 3: 400, 4: 900 + i, 5: i === 2 ? null : 70 }, design: { 0: 5 * i } },
    unavailable: i === 2 ? [{ topic: "payments", partition: 5 }] : [],
  };
}

function stateAfter(n: number): LagState {
  let s: LagState | null = null;
  for (let i = 0; i < n; i++) s = advanceLagState(s, snapshot(i), { windowSize: 4, allowedLag: 3, allowedLagByGroup: { "orders-app": 100 } });
  return s!;
}

/** The state through its bytes and back, with its end-offset history of the same round. */
const roundTrip = (s: LagState) => restoreLagState(decodeLagState(encodeLagState(s)), decodeEndHistory(encodeEndHistory(s.endHistory)));

describe("lag state codec", () => {
  it("gives back the leader's state: snapshot, windows, end history, retention ledger, options, and the same verdicts and time lags", () => {
    const state = stateAfter(6);
    const restored = roundTrip(state);
    expect(restored.latest).toEqual(state.latest);
    expect(restored.windows).toEqual(state.windows);
    expect(restored.endHistory).toEqual(state.endHistory);
    expect(restored.retention).toEqual(state.retention);
    expect(restored.retention.totals.get("idle\u0000odd name")).toBeGreaterThan(0);
    expect(restored.options).toEqual(state.options);
    expect(restored.verdicts).toEqual(state.verdicts);
    expect(restored.timeLags).toEqual(state.timeLags);
    // The previous sample: its time and end offsets (what rates need), not its groups.
    expect(restored.previous).toEqual({ ...state.previous!, groups: [], unavailable: [] });
  });

  it("a new leader continuing from the restored state judges the next sample exactly as the old one would", () => {
    const state = stateAfter(5);
    const restored = roundTrip(state);
    const options = { windowSize: 4, allowedLag: 3, allowedLagByGroup: { "orders-app": 100 } };
    const next = snapshot(5);
    const a = advanceLagState(state, next, options);
    const b = advanceLagState(restored, structuredClone(next), options);
    expect(b.verdicts).toEqual(a.verdicts);
    expect(b.windows).toEqual(a.windows);
    expect(b.timeLags).toEqual(a.timeLags);
    expect(b.retention).toEqual(a.retention);
  });

  it("keeps a first state (no previous sample) and an empty cluster", () => {
    const first = stateAfter(1);
    expect(roundTrip(first)).toEqual(first);
    const empty = advanceLagState(null, { clusterId: "c", takenAt: T0, tookMs: 1, groups: [], topicEnds: {}, unavailable: [] });
    expect(roundTrip(empty)).toEqual(empty);
  });

  it("with an end-offset history from rounds before, adds the previous and latest reads to it: time lags stay right", () => {
    // The leader stored its history at round 3 and its state at round 6.
    let s: LagState | null = null;
    let storedHistory = new Uint8Array();
    for (let i = 0; i < 6; i++) {
      s = advanceLagState(s, snapshot(i), { windowSize: 4 });
      if (i === 3) storedHistory = encodeEndHistory(s.endHistory);
    }
    const restored = restoreLagState(decodeLagState(encodeLagState(s!)), decodeEndHistory(storedHistory));
    // Every partition's newest reads are there, so nothing behind is taken for caught up.
    for (const [key, points] of s!.endHistory) expect(restored.endHistory.get(key)!.slice(-2)).toEqual(points.slice(-2));
    expect(restored.timeLags).toEqual(s!.timeLags);
    expect(restored.verdicts).toEqual(s!.verdicts);
    // Without any history: the two newest reads only.
    const bare = restoreLagState(decodeLagState(encodeLagState(s!)));
    expect([...bare.endHistory.values()].every((p) => p.length <= 2)).toBe(true);
  });

  it("is compact: a few bytes per window sample", () => {
    // 500 groups × 12 partitions × 10 samples, busy offsets.
    let s: LagState | null = null;
    for (let i = 0; i < 10; i++) {
      const groups: GroupSnapshot[] = [];
      const topicEnds: LagSnapshot["topicEnds"] = {};
      for (let g = 0; g < 500; g++) {
        const topic = `topic-${g % 50}`;
        const parts = [];
        for (let p = 0; p < 12; p++) {
          const end = 1e9 + g * 1e5 + p * 1e4 + i * 1500;
          const committed = end - ((g * 31 + p * 7 + i * 13) % 900);
          (topicEnds[topic] ??= {})[p] = end;
          parts.push({ topic, partition: p, committed, end, lag: end - committed, logStart: 0 });
        }
        groups.push({ groupId: `service-${g}-consumer`, state: "Stable", members: [], partitions: parts });
      }
      s = advanceLagState(s, { clusterId: "c", takenAt: T0 + i * 15_000, tookMs: 300, groups, topicEnds, unavailable: [] }, { windowSize: 10 });
    }
    const bytes = encodeLagState(s!);
    const samples = 500 * 12 * 10;
    expect(bytes.length / samples).toBeLessThan(12);
    expect(gzipSync(bytes).length).toBeLessThan(bytes.length);
    expect(restoreLagState(decodeLagState(bytes)).verdicts).toEqual(s!.verdicts);
    // The end-offset history, apart: a few bytes a read.
    let reads = 0;
    for (const points of s!.endHistory.values()) reads += points.length;
    expect(encodeEndHistory(s!.endHistory).length / reads).toBeLessThan(6);
  });

  it("encodes in steps of a thousand groups, to the same bytes", () => {
    const many = (i: number): LagSnapshot => {
      const groups: GroupSnapshot[] = Array.from({ length: 2500 }, (_, g) => ({
        groupId: `g-${g}`,
        state: "Stable",
        members: [],
        partitions: [{ topic: "t", partition: g % 3, committed: 100 * i + g, end: 100 * i + g + 5, lag: 5 }],
      }));
      return { clusterId: "c", takenAt: T0 + i * 15_000, tookMs: 1, groups, topicEnds: { t: { 0: 1, 1: 2, 2: 3 } }, unavailable: [] };
    };
    const s = advanceLagState(advanceLagState(null, many(0)), many(1));
    const steps = encodeLagStateSteps(s);
    let yields = 0;
    let next = steps.next();
    for (; !next.done; next = steps.next()) yields++;
    // Two per pass over 2,500 groups: the windows' sample times, the snapshot and the windows.
    expect(yields).toBe(6);
    expect(next.value).toEqual(encodeLagState(s));
    expect(restoreLagState(decodeLagState(next.value)).verdicts).toEqual(s.verdicts);

    // The end-offset history in steps of 10,000 partitions.
    const history = new Map(Array.from({ length: 25_000 }, (_, i) => [`t\u0000${i}`, [{ at: T0, end: i }, { at: T0 + 15_000, end: i + 7 }]]));
    const hs = encodeEndHistorySteps(history);
    let hYields = 0;
    let h = hs.next();
    for (; !h.done; h = hs.next()) hYields++;
    // Two per pass over 25,000 partitions: their read times, then the reads.
    expect(hYields).toBe(4);
    expect(h.value).toEqual(encodeEndHistory(history));
    expect(decodeEndHistory(h.value)).toEqual(history);
  });

  it("refuses bytes of another format or with bytes left over", () => {
    const bytes = encodeLagState(stateAfter(2));
    expect(() => decodeLagState(Uint8Array.of(99, ...bytes.subarray(1)))).toThrow(/format 99/);
    expect(() => decodeLagState(Uint8Array.of(...bytes, 0))).toThrow(/left over/);
    const history = encodeEndHistory(stateAfter(2).endHistory);
    expect(() => decodeEndHistory(Uint8Array.of(...history, 0))).toThrow(/left over/);
  });
});
