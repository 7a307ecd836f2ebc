import { describe, expect, it } from "vitest";
import { latestWindows, NewestItems, TimeOrderedMerge } from "./time-merge";

const m = (partition: number, timestamp: number, offset = timestamp) => ({ partition, timestamp, offset: String(offset) });

describe("time-ordered merge of partitions", () => {
  it("hands out messages in time order across partitions, only when every open partition has one waiting", () => {
    const merge = new TimeOrderedMerge([0, 1, 2], 100);
    merge.push(0, [m(0, 1), m(0, 4), m(0, 7)]);
    merge.push(1, [m(1, 2), m(1, 5)]);
    // Partition 2 has not answered yet: nothing is certain.
    expect(merge.take(10)).toEqual([]);
    merge.push(2, [m(2, 3)]);
    expect(merge.take(10).map((x) => x.timestamp)).toEqual([1, 2, 3]);
    // Partition 2 is empty again and not finished: 4 waits.
    merge.finish(2);
    expect(merge.take(10).map((x) => x.timestamp)).toEqual([4, 5]);
    merge.finish(1);
    expect(merge.take(10).map((x) => x.timestamp)).toEqual([7]);
    merge.finish(0);
    expect(merge.take(10)).toEqual([]);
  });

  it("stops at the number asked and breaks ties by partition then offset", () => {
    const merge = new TimeOrderedMerge([0, 1], 100);
    merge.push(1, [m(1, 5, 10), m(1, 5, 11)]);
    merge.push(0, [m(0, 5, 20)]);
    merge.finish(0);
    merge.finish(1);
    expect(merge.take(2).map((x) => `${x.partition}:${x.offset}`)).toEqual(["0:20", "1:10"]);
    expect(merge.take(2).map((x) => `${x.partition}:${x.offset}`)).toEqual(["1:11"]);
  });

  it("bounds what a partition may hold and lets its reader go on once messages were handed out", async () => {
    const merge = new TimeOrderedMerge([0, 1], 2);
    merge.push(0, [m(0, 1), m(0, 2)]);
    expect(merge.hasRoom(0)).toBe(false);
    let resumed = false;
    const waiting = merge.room(0).then(() => (resumed = true));
    await Promise.resolve();
    expect(resumed).toBe(false);
    merge.push(1, [m(1, 3)]);
    expect(merge.take(1).map((x) => x.timestamp)).toEqual([1]);
    await waiting;
    expect(resumed).toBe(true);
  });
});

describe("newest N by time", () => {
  it("keeps the N newest and hands them out oldest first", () => {
    const newest = new NewestItems(3);
    for (const t of [5, 1, 9, 3, 7, 2]) newest.add(m(t % 2, t));
    expect(newest.sorted().map((x) => x.timestamp)).toEqual([5, 7, 9]);
    expect(newest.count).toBe(3);
  });
});

describe("latest windows", () => {
  it("reads up to N from every partition while that stays within the cap", () => {
    expect(latestWindows([500, 500, 20], 100, 10_000)).toEqual([100, 100, 20]);
  });
  it("shares N out evenly beyond the cap, giving a small partition's share to the others", () => {
    const w = latestWindows([1000, 1000, 1000, 5], 100, 150);
    expect(w.reduce((a, b) => a + b, 0)).toBe(100);
    expect(w[3]).toBe(5);
    expect(Math.max(...w.slice(0, 3)) - Math.min(...w.slice(0, 3))).toBeLessThanOrEqual(1);
  });
  it("never asks for more than there is", () => {
    expect(latestWindows([3, 0, 2], 100, 1)).toEqual([3, 0, 2]);
  });
});
