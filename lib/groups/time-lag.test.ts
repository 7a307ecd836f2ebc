import { describe, expect, it } from "vitest";
import { groupTimeLag, partitionTimeLag, type TimeLag } from "./time-lag";
import type { EndSample } from "./lag-status";

const s = (seconds: number) => seconds * 1000;
/** End offsets read every 10 s from 0 s: [seconds, end]. */
const reads = (rows: [seconds: number, end: number][]): EndSample[] => rows.map(([t, end]) => ({ at: s(t), end }));
/** 10 messages a second for 100 s. */
const steady = reads(Array.from({ length: 11 }, (_, i) => [i * 10, i * 100]));

describe("partitionTimeLag", () => {
  it("steady rate: the committed offset was the end offset (lag / rate) seconds ago", () => {
    expect(partitionTimeLag(steady, 500, s(100))).toEqual({ seconds: 50, basis: "interpolated", since: s(50), text: "about 50 s behind" });
    // Between two reads: 550 was the end at 55 s.
    expect(partitionTimeLag(steady, 550, s(100))).toMatchObject({ seconds: 45, since: s(55) });
  });

  it("bursts: interpolates inside the burst that wrote the committed offset", () => {
    const burst = reads([[0, 0], [10, 0], [20, 1000], [30, 1000], [40, 1000]]);
    // 500 is half of the burst between 10 s and 20 s: written about 15 s, 25 s before 40 s.
    expect(partitionTimeLag(burst, 500, s(40))).toMatchObject({ seconds: 25, basis: "interpolated" });
    // Three bursts of 300; 700 was written a third of the way into the last.
    const three = reads([[0, 0], [10, 300], [20, 300], [30, 600], [40, 600], [50, 900]]);
    expect(partitionTimeLag(three, 700, s(60)).seconds).toBeCloseTo(60 - 40 - 10 / 3, 9);
  });

  it("idle topic: caught up is 0, and a wait at the committed offset counts from when writes resumed", () => {
    const idle = reads([[0, 100], [10, 100], [20, 100], [30, 100]]);
    expect(partitionTimeLag(idle, 100, s(30))).toEqual({ seconds: 0, basis: "caught-up", since: null, text: "caught up" });
    const resumed = reads([[0, 100], [10, 100], [20, 200], [30, 200]]);
    // The end sat at 100 until 10 s; message 100 came after that, so 20 s behind at 30 s, not 30 s.
    expect(partitionTimeLag(resumed, 100, s(30))).toMatchObject({ seconds: 20, since: s(10) });
  });

  it("a committed offset older than the history gives a lower bound, flagged as such", () => {
    const recent = reads([[3600, 50_000], [3610, 50_100], [3620, 50_200]]);
    expect(partitionTimeLag(recent, 20_000, s(3620))).toEqual({ seconds: 20, basis: "lower-bound", since: s(3600), text: "at least 20 s behind" });
    expect(partitionTimeLag(steady, -5, s(7300)).text).toBe("at least 2 h 2 min behind");
  });

  it("lag 0 (or a committed offset past the end) is 0; no history is unknown", () => {
    expect(partitionTimeLag(steady, 1000, s(100)).seconds).toBe(0);
    expect(partitionTimeLag(steady, 1200, s(100)).basis).toBe("caught-up");
    expect(partitionTimeLag([], 10, s(100))).toEqual({ seconds: null, basis: "no-history", since: null, text: "unknown" });
  });

  it("says a figure under a second without one", () => {
    expect(partitionTimeLag(reads([[100, 900]]), 500, s(100)).text).toBe("behind since before the first sample");
    expect(partitionTimeLag(steady, 999.5, s(100)).text).toBe("less than a second behind");
  });

  it("reads the history in time order whatever order it comes in", () => {
    expect(partitionTimeLag([...steady].reverse(), 500, s(100)).seconds).toBe(50);
  });
});

describe("groupTimeLag", () => {
  const part = (partition: number, timeLag: TimeLag) => ({ topic: "orders", partition, timeLag });

  it("is the maximum over the partitions, naming the one furthest behind", () => {
    const g = groupTimeLag([part(0, partitionTimeLag(steady, 1000, s(100))), part(1, partitionTimeLag(steady, 500, s(100))), part(2, partitionTimeLag(steady, 800, s(100)))]);
    expect(g).toEqual({ seconds: 50, lowerBound: false, worst: { topic: "orders", partition: 1 }, unknown: 0, text: "about 50 s behind" });
  });

  it("is a lower bound when any partition's figure is one, even a smaller one", () => {
    const recent = reads([[90, 900], [100, 1000]]);
    const g = groupTimeLag([part(0, partitionTimeLag(steady, 500, s(100))), part(1, partitionTimeLag(recent, 100, s(100)))]);
    expect(g).toMatchObject({ seconds: 50, lowerBound: true, worst: { partition: 0 }, text: "at least 50 s behind" });
  });

  it("counts partitions without history, and is unknown when none has any; caught up when all are", () => {
    expect(groupTimeLag([part(0, partitionTimeLag([], 1, 0))])).toMatchObject({ seconds: null, unknown: 1, worst: null, text: "unknown" });
    expect(groupTimeLag([part(0, partitionTimeLag(steady, 1000, s(100))), part(1, partitionTimeLag([], 1, 0))])).toMatchObject({ seconds: 0, unknown: 1, text: "caught up" });
    expect(groupTimeLag([]).seconds).toBeNull();
  });
});
