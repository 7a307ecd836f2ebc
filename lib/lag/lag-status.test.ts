import { describe, expect, it } from "vitest";
import { partitionStatus, type WindowSample } from "./lag-status";

// Samples every 10 s; commitAt defaults to the sample time (an active consumer committing on a timer).
function win(rows: [committed: number, end: number, commitAt?: number][], start = 0): WindowSample[] {
  return rows.map(([committed, end, commitAt], i) => ({ at: start + i * 10_000, committed, end, lag: end - committed, commitAt: commitAt ?? start + i * 10_000 }));
}
const nowAfter = (w: WindowSample[], ms = 10_000) => w[w.length - 1].at + ms;

describe("partitionStatus (Burrow's rules)", () => {
  it("is OK when the current lag is 0", () => {
    const w = win([[0, 50], [10, 60], [60, 60]]);
    expect(partitionStatus(w, nowAfter(w))).toMatchObject({ status: "OK", rule: "no lag" });
  });

  it("is OK when any lag in the window was 0, even if it is stuck now", () => {
    const w = win([[10, 10], [10, 20], [10, 30]], 0).map((s) => ({ ...s, commitAt: 0 }));
    expect(partitionStatus(w, 1_000_000).status).toBe("OK");
  });

  it("is REWIND when the committed offset went backwards", () => {
    const w = win([[100, 200], [150, 210], [40, 220]]);
    const v = partitionStatus(w, nowAfter(w));
    expect(v.status).toBe("REWIND");
    expect(v.rule).toContain("150 to 40");
  });

  it("is STOP when no commit for longer than the window's span of commits", () => {
    // A group with no members: commitAt stays at the time its offset was first seen.
    const w = win([[10, 100, 0], [10, 110, 0], [10, 120, 0]]);
    const v = partitionStatus(w, nowAfter(w));
    expect(v.status).toBe("STOP");
    expect(v.rule).toMatch(/no commit for 30 s/);
  });

  it("is not STOP while commits keep coming, but STALL when the offset does not move", () => {
    const w = win([[10, 100], [10, 110], [10, 120]]);
    const v = partitionStatus(w, nowAfter(w, 1000));
    expect(v.status).toBe("STALL");
    expect(v.rule).toContain("stuck at 10");
  });

  it("is WARN when lag never went down across the window", () => {
    const w = win([[10, 100], [20, 120], [30, 140], [40, 160]]);
    expect(partitionStatus(w, nowAfter(w, 1000))).toMatchObject({ status: "WARN" });
  });

  it("is OK when consuming and the lag went down at least once", () => {
    const w = win([[10, 100], [20, 120], [90, 130], [100, 160]]);
    expect(partitionStatus(w, nowAfter(w, 1000))).toMatchObject({ status: "OK" });
  });

  it("judges a single sample with lag as OK (not enough to judge)", () => {
    expect(partitionStatus(win([[0, 5]]), 5000).status).toBe("OK");
    expect(partitionStatus([], 0).status).toBe("OK");
  });
});
