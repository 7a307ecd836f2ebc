import { describe, expect, it } from "vitest";
import {
  calculatePartitionStatus,
  checkIfLagNotDecreasing,
  checkIfOffsetsRewind,
  checkIfOffsetsStalled,
  checkIfOffsetsStopped,
  checkIfRecentLagZero,
  checkIfRewindRecovered,
  formatDuration,
  isLagAlwaysNotZero,
  partitionStatus,
  type EndSample,
  type WindowSample,
} from "./lag-status";
import type { LagStatus } from "./lag-types";

// Burrow's rule table (linkedin/Burrow, core/internal/evaluator/caching_test.go, `tests`), case by case, as
// Topiary samples. A Burrow consumer offset {Offset, Timestamp, Lag} is a sample committed at its timestamp
// (`commitAt` = `at` = Timestamp) with its lag (nil → null); its broker offsets are the end-offset history
// (Burrow lists them newest first, read here one second apart up to `timeNow`); `currentLag` is passed as Burrow
// gives it; `timeNow` is in seconds, as in Burrow. Each case checks every helper Burrow's test checks, then the
// status, through `calculatePartitionStatus` and through Topiary's `partitionStatus`.

type Offset = [offset: number, timestamp: number, lag: number | null];

interface BurrowCase {
  name: string;
  offsets: Offset[];
  brokerOffsets: number[];
  currentLag: number;
  timeNow: number;
  isLagAlwaysNotZero: boolean;
  checkIfOffsetsRewind: boolean;
  checkIfOffsetsStopped: boolean;
  checkIfOffsetsStalled: boolean;
  checkIfLagNotDecreasing: boolean;
  checkIfRecentLagZero: boolean;
  status: LagStatus;
  /** What the stored table says where today's rules give another status, and why. */
  tableSaid?: string;
}

const samplesOf = (offsets: Offset[]): WindowSample[] =>
  offsets.map(([committed, timestamp, lag]) => ({ at: timestamp, commitAt: timestamp, committed, lag, end: committed + (lag ?? 0) }));
const endsOf = (brokerOffsets: number[], timeNow: number): EndSample[] =>
  brokerOffsets.map((end, i) => ({ at: timeNow * 1000 - i * 1000, end })).reverse();

const steady = (lags: number[], offsets = [1000, 2000, 3000, 4000, 5000]): Offset[] => lags.map((lag, i) => [offsets[i], (i + 1) * 100_000, lag]);
const burrow792 = (): Offset[] =>
  [18356, 19362, 20366, 21367, 22370, 23373, 24378, 25379, 26383, 27383, 28383, 29388, 30391, 31394, 32397].map((ms, i) => [792748079 + i, 1512224600000 + ms, 0]);

const TABLE: BurrowCase[] = [
  {
    name: "0 - returns OK because there is zero lag somewhere",
    offsets: steady([0, 50, 100, 150, 200]),
    brokerOffsets: [5200], currentLag: 200, timeNow: 600,
    isLagAlwaysNotZero: false, checkIfOffsetsRewind: false, checkIfOffsetsStopped: false, checkIfOffsetsStalled: false, checkIfLagNotDecreasing: true, checkIfRecentLagZero: false,
    status: "OK",
  },
  {
    name: "1 - same status. does not return true for stop because time since last commit (400s) is equal to the difference (500-100), not greater than",
    offsets: steady([0, 50, 100, 150, 200]),
    brokerOffsets: [5200], currentLag: 200, timeNow: 900,
    isLagAlwaysNotZero: false, checkIfOffsetsRewind: false, checkIfOffsetsStopped: false, checkIfOffsetsStalled: false, checkIfLagNotDecreasing: true, checkIfRecentLagZero: false,
    status: "OK",
  },
  {
    name: "2 - status is now STOP because the time since last commit is great enough (500s), even though lag is zero at the start (fixed due to #290)",
    offsets: steady([0, 50, 100, 150, 200]),
    brokerOffsets: [5200], currentLag: 200, timeNow: 1000,
    isLagAlwaysNotZero: false, checkIfOffsetsRewind: false, checkIfOffsetsStopped: true, checkIfOffsetsStalled: false, checkIfLagNotDecreasing: true, checkIfRecentLagZero: false,
    status: "STOP",
  },
  {
    name: "3 - status is STOP when lag is always non-zero as well",
    offsets: steady([50, 100, 150, 200, 250]),
    brokerOffsets: [5250], currentLag: 250, timeNow: 1000,
    isLagAlwaysNotZero: true, checkIfOffsetsRewind: false, checkIfOffsetsStopped: true, checkIfOffsetsStalled: false, checkIfLagNotDecreasing: true, checkIfRecentLagZero: false,
    status: "STOP",
  },
  {
    name: "4 - status is OK because of zero lag, but stall is true because the offset is always the same and there is lag",
    offsets: steady([0, 50, 100, 150, 200], [1000, 1000, 1000, 1000, 1000]),
    brokerOffsets: [1200], currentLag: 200, timeNow: 600,
    isLagAlwaysNotZero: false, checkIfOffsetsRewind: false, checkIfOffsetsStopped: false, checkIfOffsetsStalled: true, checkIfLagNotDecreasing: true, checkIfRecentLagZero: false,
    status: "OK",
  },
  {
    name: "5 - status is now STALL because the lag is always non-zero",
    offsets: steady([100, 150, 200, 250, 300], [1000, 1000, 1000, 1000, 1000]),
    brokerOffsets: [1300], currentLag: 300, timeNow: 600,
    isLagAlwaysNotZero: true, checkIfOffsetsRewind: false, checkIfOffsetsStopped: false, checkIfOffsetsStalled: true, checkIfLagNotDecreasing: true, checkIfRecentLagZero: false,
    status: "STALL",
  },
  {
    name: "6 - status is still STALL even when the lag stays the same",
    offsets: steady([100, 100, 100, 100, 100], [1000, 1000, 1000, 1000, 1000]),
    brokerOffsets: [1100], currentLag: 100, timeNow: 600,
    isLagAlwaysNotZero: true, checkIfOffsetsRewind: false, checkIfOffsetsStopped: false, checkIfOffsetsStalled: true, checkIfLagNotDecreasing: true, checkIfRecentLagZero: false,
    status: "STALL",
  },
  {
    name: "7 - the offsets go backwards (3000 → 2000), then pass where they were (4000): recovered, so not REWIND",
    offsets: steady([100, 150, 200, 1250, 300], [1000, 2000, 3000, 2000, 4000]),
    brokerOffsets: [4300], currentLag: 300, timeNow: 600,
    isLagAlwaysNotZero: true, checkIfOffsetsRewind: true, checkIfOffsetsStopped: false, checkIfOffsetsStalled: false, checkIfLagNotDecreasing: false, checkIfRecentLagZero: false,
    status: "OK",
    tableSaid:
      "REWIND: the stored table predates Burrow's rewind recovery (#716), after which a rewind counts only until the " +
      "committed offset gets back to where it was; here it does (4000 ≥ 3000) and lag went down (1250 → 300), so the rules say OK",
  },
  {
    name: "8 - status is OK because the current lag is 0 (even though the offsets show lag), even though it would be considered stopped due to timestamps",
    offsets: steady([50, 100, 150, 200, 250]),
    brokerOffsets: [5250], currentLag: 0, timeNow: 1000,
    isLagAlwaysNotZero: true, checkIfOffsetsRewind: false, checkIfOffsetsStopped: true, checkIfOffsetsStalled: false, checkIfLagNotDecreasing: true, checkIfRecentLagZero: false,
    status: "OK",
  },
  {
    name: "9 - status is STOP due to timestamps because the current lag is non-zero, even though lag is always zero in offsets, only because there is new data (#290)",
    offsets: burrow792(),
    brokerOffsets: [792749024, 792749000, 792748800, 792748600, 792748500], currentLag: 931, timeNow: 1512224650,
    isLagAlwaysNotZero: false, checkIfOffsetsRewind: false, checkIfOffsetsStopped: true, checkIfOffsetsStalled: false, checkIfLagNotDecreasing: true, checkIfRecentLagZero: false,
    status: "STOP",
  },
  {
    name: "10 - status is OK, even though it would be stop due to timestamps, as within the recent broker offset window the lag was zero (#303)",
    offsets: burrow792(),
    brokerOffsets: [792748094, 792748093, 792748093, 792748093], currentLag: 1, timeNow: 1512224650,
    isLagAlwaysNotZero: false, checkIfOffsetsRewind: false, checkIfOffsetsStopped: true, checkIfOffsetsStalled: false, checkIfLagNotDecreasing: true, checkIfRecentLagZero: true,
    status: "OK",
  },
  {
    name: "11 - same case as test 0 with additional `nil` lag entries which should not affect results",
    offsets: [1000, 1500, 2000, 2500, 3000, 3500, 4000, 4500, 5000, 5500].map((offset, i): Offset => [offset, offset * 100, i % 2 ? null : i * 25]),
    brokerOffsets: [5700], currentLag: 200, timeNow: 600,
    isLagAlwaysNotZero: false, checkIfOffsetsRewind: false, checkIfOffsetsStopped: false, checkIfOffsetsStalled: false, checkIfLagNotDecreasing: true, checkIfRecentLagZero: false,
    status: "OK",
  },
];

describe("Burrow's rule table (caching_test.go), as Topiary samples", () => {
  it("has Burrow's twelve cases, 0 to 11", () => {
    expect(TABLE.map((c) => Number(c.name.split(" ")[0]))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(TABLE[11].offsets.map(([, , lag]) => lag)).toEqual([0, null, 50, null, 100, null, 150, null, 200, null]);
  });

  for (const c of TABLE) {
    it(`case ${c.name}${c.tableSaid ? ` (the table said ${c.tableSaid})` : ""}`, () => {
      const samples = samplesOf(c.offsets);
      const ends = endsOf(c.brokerOffsets, c.timeNow);
      const now = c.timeNow * 1000;
      expect(isLagAlwaysNotZero(samples)).toBe(c.isLagAlwaysNotZero);
      expect(checkIfOffsetsRewind(samples) > 0).toBe(c.checkIfOffsetsRewind);
      expect(checkIfOffsetsStopped(samples, now)).toBe(c.checkIfOffsetsStopped);
      expect(checkIfOffsetsStalled(samples)).toBe(c.checkIfOffsetsStalled);
      expect(checkIfLagNotDecreasing(samples)).toBe(c.checkIfLagNotDecreasing);
      expect(checkIfRecentLagZero(samples, ends)).toBe(c.checkIfRecentLagZero);
      expect(calculatePartitionStatus(samples, ends, c.currentLag, now)).toBe(c.status);
      const v = partitionStatus({ samples, ends, currentLag: c.currentLag }, now, { windowSize: samples.length });
      expect(v).toMatchObject({ status: c.status, judged: true, complete: 1 });
    });
  }
});

// Cases from Burrow's own threads for rules its stored table does not cover yet.
describe("Burrow's rewind recovery (issue #714, PR #716)", () => {
  // Issue #714's tables: commits with their lag and the log end offset (LEO) at the time.
  const rows = (r: [offset: number, lag: number, leo: number][]): WindowSample[] =>
    r.map(([committed, lag, end], i) => ({ at: (i + 1) * 60_000, commitAt: (i + 1) * 60_000, committed, lag, end }));

  it("#714 table 1: zero lag, then the offset goes back 30 → 20 with lag: REWIND, though lag was 0 earlier in the window", () => {
    const samples = rows([[10, 0, 10], [20, 0, 20], [30, 0, 30], [20, 10, 40]]);
    expect(checkIfOffsetsRewind(samples)).toBe(3);
    expect(checkIfRewindRecovered(samples, 3)).toBe(false);
    const v = partitionStatus({ samples, currentLag: 20 }, 4 * 60_000 + 5_000);
    expect(v).toMatchObject({ status: "REWIND", ruleId: "rewind" });
    expect(v.rule).toBe("committed offset went back from 30 to 20 5 s ago and has not reached 30 since (now 20, lag 20)");
  });

  it("#714 table 2: the consumer gets back to 30: recovered, and lag was 0 in the window, so OK", () => {
    const samples = rows([[20, 0, 20], [30, 0, 30], [20, 10, 40], [30, 15, 45]]);
    expect(checkIfRewindRecovered(samples, checkIfOffsetsRewind(samples))).toBe(true);
    expect(partitionStatus({ samples, currentLag: 15 }, 4 * 60_000 + 5_000)).toMatchObject({ status: "OK", ruleId: "lag-was-zero" });
  });

  it("case 7's offsets, but the consumer has not got back to 3000 yet: REWIND", () => {
    const samples = samplesOf(steady([100, 150, 200, 1250, 1200], [1000, 2000, 3000, 2000, 2900]));
    expect(calculatePartitionStatus(samples, [{ at: 600_000, end: 4100 }], 1200, 600_000)).toBe("REWIND");
  });
});

describe("Burrow's allowed lag (PR #591: a transactional producer's commit markers leave a lag of 1)", () => {
  // An idle topic read to its end: each commit is one short of the end offset, which is a commit marker.
  const idle = (): WindowSample[] => [1, 2, 3, 4, 5].map((i) => ({ at: i * 60_000, commitAt: i * 60_000, committed: 99, end: 100, lag: 1 }));

  it("with the default allowed lag of 0, a lag of 1 that never moves is a STALL", () => {
    expect(isLagAlwaysNotZero(idle())).toBe(true);
    expect(partitionStatus({ samples: idle() }, 5 * 60_000 + 1_000, { windowSize: 5 })).toMatchObject({ status: "STALL", ruleId: "stalled" });
  });

  it("with an allowed lag of 1 it counts as no lag: OK", () => {
    expect(isLagAlwaysNotZero(idle(), 1)).toBe(false);
    const v = partitionStatus({ samples: idle() }, 5 * 60_000 + 1_000, { windowSize: 5, allowedLag: 1 });
    expect(v).toMatchObject({ status: "OK", ruleId: "no-lag", rule: "lag 1, within the allowed 1" });
  });

  it("lag at or below the allowed lag anywhere in the window counts as a zero lag", () => {
    const samples = samplesOf(steady([5, 3, 2, 4, 6]));
    expect(isLagAlwaysNotZero(samples, 1)).toBe(true);
    expect(isLagAlwaysNotZero(samples, 2)).toBe(false);
    expect(calculatePartitionStatus(samples, [{ at: 500_000, end: 5006 }], 6, 550_000, 2)).toBe("OK");
  });
});

describe("partitionStatus: completeness and words that are true for the partition", () => {
  // Samples a minute apart; commitAt is the sample time (a group with members).
  const win = (rows: [committed: number, end: number][], start = 1_000_000): WindowSample[] =>
    rows.map(([committed, end], i) => ({ at: start + i * 60_000, commitAt: start + i * 60_000, committed, end, lag: end - committed }));

  it("a window with fewer samples than the minimum is OK, not judged: not enough samples yet", () => {
    expect(partitionStatus({ samples: [] }, 0)).toMatchObject({ status: "OK", ruleId: "no-samples", judged: false, complete: 0 });
    const one = win([[752, 1451]]);
    expect(partitionStatus({ samples: one }, 1_030_000)).toMatchObject({ status: "OK", ruleId: "incomplete", judged: false, rule: "not enough samples yet: 1 of 10, judged from 2" });
    // Burrow's own behaviour judges a single commit: 30 s without another is longer than its window's 0 s.
    expect(partitionStatus({ samples: one }, 1_030_000, { minimumSamples: 1 }).status).toBe("STOP");
  });

  it("minimum-complete: 5 of 10 samples (0.5) is below 0.6 and not judged, at 0.5 it is", () => {
    const w = win([[752, 1451], [752, 1600], [752, 1700], [752, 1800], [752, 1891]]);
    expect(partitionStatus({ samples: w }, 1_250_000, { minimumComplete: 0.6 })).toMatchObject({ status: "OK", judged: false, complete: 0.5, rule: "not enough samples yet: 5 of 10, judged from 6" });
    expect(partitionStatus({ samples: w }, 1_250_000, { minimumComplete: 0.5 })).toMatchObject({ status: "STALL", judged: true, complete: 0.5 });
  });

  it("STALL quotes the partition's offset, the window's real duration and its lag", () => {
    const w = win([[752, 1451], [752, 1600], [752, 1700], [752, 1800], [752, 1900], [752, 2643]]);
    expect(partitionStatus({ samples: w }, 1_310_000).rule).toBe("committed offset unchanged at 752 for 5 min while lag grew 699 → 1,891");
  });

  it("STOP says how long since the last commit, against the span of the window's commits", () => {
    const w = win([[1000, 1500], [1200, 1700], [1400, 1900]]);
    const v = partitionStatus({ samples: w }, 1_120_000 + 400_000);
    expect(v).toMatchObject({ status: "STOP", ruleId: "stopped", sinceCommitMs: 400_000, spanMs: 120_000 });
    expect(v.rule).toBe("no commit for 6 min 40 s since offset 1,400, longer than the 2 min between the window's first and last commits (lag 500 now)");
  });

  it("STOP for a group without members, whose offset was first seen at one time, never says 0 s", () => {
    const w = win([[10, 100], [10, 110], [10, 120]]).map((s) => ({ ...s, commitAt: 1_000_000 }));
    expect(partitionStatus({ samples: w }, 1_125_000).rule).toBe("no commit for 2 min 5 s since offset 10 (lag 110 now)");
  });

  it("WARN: consuming, but lag never went down", () => {
    const w = win([[10, 100], [20, 120], [30, 140], [40, 160]]);
    expect(partitionStatus({ samples: w }, 1_181_000)).toMatchObject({ status: "WARN", rule: "lag never went down for 3 min (grew 90 → 120) while the committed offset moved 10 → 40" });
  });

  it("OK: consuming, and lag went down inside the window", () => {
    const w = win([[10, 100], [20, 120], [90, 130], [100, 160]]);
    expect(partitionStatus({ samples: w }, 1_181_000)).toMatchObject({ status: "OK", ruleId: "consuming", rule: "consuming: lag went down 100 → 40 inside the window, committed offset 10 → 100" });
  });

  it("OK: no lag now, and lag was 0 in the window (a stop is still found then, see case 2)", () => {
    expect(partitionStatus({ samples: win([[0, 50], [10, 60], [60, 60]]) }, 1_121_000)).toMatchObject({ status: "OK", ruleId: "no-lag", rule: "no lag: committed offset 60 is the end" });
    expect(partitionStatus({ samples: win([[10, 10], [10, 20], [20, 30]]) }, 1_121_000)).toMatchObject({
      status: "OK",
      ruleId: "lag-was-zero",
      rule: "lag was 0 2 min 1 s ago at committed offset 10, inside the window (lag 10 now)",
    });
  });
});

describe("formatDuration", () => {
  it("reads as a duration, never 0 s", () => {
    expect([0, 400, 45_000, 300_000, 400_000, 25 * 60_000, 130 * 60_000, 3 * 3600_000, (3 * 24 + 4) * 3600_000].map(formatDuration)).toEqual([
      "under 1 s",
      "under 1 s",
      "45 s",
      "5 min",
      "6 min 40 s",
      "25 min",
      "2 h 10 min",
      "3 h",
      "3 d 4 h",
    ]);
  });
});
