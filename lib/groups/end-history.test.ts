import { describe, expect, it } from "vitest";
import { addRead, historySize, historyUpdates, pointsPerPartition, recordEnds, DEFAULT_END_HISTORY_OPTIONS, type EndHistory } from "./end-history";
import type { EndSample } from "./lag-status";
import { partitionKey } from "./lag-window";
import { partitionTimeLag } from "./time-lag";

const s = (seconds: number) => seconds * 1000;
const HOUR = 3600_000;

describe("the end-offset history", () => {
  it("keeps one read per sample of a busy partition, oldest first", () => {
    const points: EndSample[] = [];
    for (let i = 0; i < 5; i++) addRead(points, { at: s(i * 15), end: i * 100 }, 250, HOUR);
    expect(points.map((p) => p.end)).toEqual([0, 100, 200, 300, 400]);
  });

  it("keeps only the first and last read of a run of equal end offsets: the interpolation is unchanged", () => {
    const points: EndSample[] = [];
    const reads = [[0, 0], [15, 100], [30, 100], [45, 100], [60, 100], [75, 250]] as const;
    const full = reads.map(([t, end]) => ({ at: s(t), end }));
    for (const r of full) addRead(points, r, 250, HOUR);
    expect(points).toEqual([full[0], full[1], full[4], full[5]]);
    for (const committed of [50, 100, 150, 249]) expect(partitionTimeLag(points, committed, s(80))).toEqual(partitionTimeLag(full, committed, s(80)));
  });

  it("forgets reads older than its age, keeping one older read to bracket the oldest moment", () => {
    const points: EndSample[] = [];
    for (let i = 0; i <= 10; i++) addRead(points, { at: s(i * 60), end: i * 10 }, 250, s(270));
    // Now 600 s, 270 s back is 330 s: reads from 360 s on are kept, and the one at 300 s before them.
    expect(points.map((p) => p.at / 1000)).toEqual([300, 360, 420, 480, 540, 600]);
  });

  it("starts again when the end offset goes back (the topic was recreated)", () => {
    const points: EndSample[] = [];
    for (const [t, end] of [[0, 500], [15, 600], [30, 5]]) addRead(points, { at: s(t), end }, 250, HOUR);
    expect(points).toEqual([{ at: s(30), end: 5 }]);
  });

  it("past its cap, thins evenly and keeps the newest and oldest reads", () => {
    const points: EndSample[] = [];
    for (let i = 0; i <= 100; i++) addRead(points, { at: s(i), end: i * 10 }, 11, HOUR);
    expect(points).toHaveLength(11);
    expect(points[0]).toEqual({ at: 0, end: 0 });
    expect(points[10]).toEqual({ at: s(100), end: 1000 });
    const gaps = points.slice(1).map((p, i) => p.at - points[i].at);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(3 * Math.min(...gaps));
    // A steady rate still reads right from the thinned history.
    expect(partitionTimeLag(points, 500, s(100)).seconds).toBeCloseTo(50, 6);
  });

  it("shares a budget of points among partitions, at least a minimum each", () => {
    const o = { ...DEFAULT_END_HISTORY_OPTIONS, pointBudget: 1000, maxPointsPerPartition: 250, minPointsPerPartition: 16 };
    expect(pointsPerPartition(2, o)).toBe(250);
    expect(pointsPerPartition(10, o)).toBe(100);
    expect(pointsPerPartition(1000, o)).toBe(16);
  });

  it("records a snapshot's end offsets; unread ends keep their history, vanished partitions go", () => {
    const h: EndHistory = new Map();
    recordEnds(h, { orders: { 0: 10, 1: 20 }, gone: { 0: 1 } }, s(0));
    recordEnds(h, { orders: { 0: 15, 1: null } }, s(15));
    expect(h.get(partitionKey("orders", 0))).toEqual([{ at: 0, end: 10 }, { at: s(15), end: 15 }]);
    expect(h.get(partitionKey("orders", 1))).toEqual([{ at: 0, end: 20 }]);
    expect(h.has(partitionKey("gone", 0))).toBe(false);
    expect(historySize(h)).toBe(3);
  });

  it("stays bounded over a long run with many partitions", () => {
    const h: EndHistory = new Map();
    const topicEnds = (i: number) => ({ t: Object.fromEntries(Array.from({ length: 200 }, (_, p) => [p, i * 10 + p])) });
    for (let i = 0; i < 600; i++) recordEnds(h, topicEnds(i), s(i * 15), { pointBudget: 4000, minPointsPerPartition: 4, maxAgeMs: 4 * HOUR });
    expect(historySize(h)).toBeLessThanOrEqual(4000);
    expect(h.get(partitionKey("t", 7))!.at(-1)).toEqual({ at: s(599 * 15), end: 5997 });
  });

  it("counts its updates, so that a slow reader knows whether it changed meanwhile", () => {
    const h: EndHistory = new Map();
    expect(historyUpdates(h)).toBe(0);
    recordEnds(h, { t: { 0: 5 } }, 1000);
    recordEnds(h, { t: { 0: 9 } }, 2000);
    expect(historyUpdates(h)).toBe(2);
    expect(historyUpdates(new Map())).toBe(0);
  });
});
