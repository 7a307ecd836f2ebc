import { describe, expect, it } from "vitest";
import { ByteReader, ByteWriter } from "./byte-codec";
import { decodeLagHour, encodeLagHour, hourAndSlot, type LagBucket } from "./lag-hour-codec";

describe("byte codec", () => {
  it("round-trips integers up to 2^53, negatives, fractions, null and strings", () => {
    const values = [0, 1, 127, 128, 300, 2 ** 31, 2 ** 32 + 5, 2 ** 51, 2 ** 53 - 1, -1, -2, -(2 ** 51), 0.5, -3.25, 2 ** 53 + 2, Number.NaN, Infinity];
    const w = new ByteWriter(4);
    for (const v of values) w.num(v);
    w.uint(2 ** 53 - 1);
    w.int(-(2 ** 52));
    w.numOrNull(null);
    w.numOrNull(7);
    w.str("groupé ✓");
    const r = new ByteReader(w.finish());
    for (const v of values) expect(r.num()).toBe(v);
    expect(r.uint()).toBe(2 ** 53 - 1);
    expect(r.int()).toBe(-(2 ** 52));
    expect(r.numOrNull()).toBeNull();
    expect(r.numOrNull()).toBe(7);
    expect(r.str()).toBe("groupé ✓");
    expect(r.done).toBe(true);
    expect(() => r.byte()).toThrow(RangeError);
  });

  it("refuses what it cannot write exactly as an unsigned varint", () => {
    expect(() => new ByteWriter().uint(-1)).toThrow(RangeError);
    expect(() => new ByteWriter().uint(1.5)).toThrow(RangeError);
  });

  it("small numbers take one byte", () => {
    const w = new ByteWriter();
    w.num(31);
    w.num(-31);
    expect(w.length).toBe(2);
  });
});

describe("lag hour codec", () => {
  it("packs an hour of buckets (some missing) and reads back exactly the same", () => {
    const buckets: LagBucket[] = [
      { slot: 0, lag: 120, committed: 9_000_000_000, endOffset: 9_000_000_120, status: 0 },
      { slot: 1, lag: 80, committed: 9_000_004_000, endOffset: 9_000_004_080, status: 1 },
      { slot: 5, lag: 0, committed: 9_000_020_000, endOffset: 9_000_020_000, status: 0 },
      { slot: 11, lag: 1.5, committed: 8_000, endOffset: 9, status: 4 }, // a recreated topic: offsets went back
    ];
    const bytes = encodeLagHour(buckets);
    expect(decodeLagHour(bytes)).toEqual(buckets);
    // A full hour of a busy series stays far below twelve rows.
    const full = Array.from({ length: 12 }, (_, slot) => ({ slot, lag: 1000 + slot * 37, committed: 5e9 + slot * 4500, endOffset: 5e9 + slot * 4500 + 1000, status: slot % 5 }));
    expect(decodeLagHour(encodeLagHour(full))).toEqual(full);
    expect(encodeLagHour(full).length).toBeLessThan(120);
  });

  it("keeps one bucket per slot, refuses a slot outside the hour and an unknown format", () => {
    const twice = encodeLagHour([
      { slot: 3, lag: 1, committed: 1, endOffset: 2, status: 0 },
      { slot: 3, lag: 9, committed: 9, endOffset: 9, status: 0 },
    ]);
    expect(decodeLagHour(twice)).toHaveLength(1);
    expect(() => encodeLagHour([{ slot: 12, lag: 0, committed: 0, endOffset: 0, status: 0 }])).toThrow(RangeError);
    expect(() => decodeLagHour(new Uint8Array([9, 0]))).toThrow(/format 9/);
  });

  it("places a time in its hour and 5-minute slot", () => {
    const h = Date.UTC(2026, 11, 2, 10);
    expect(hourAndSlot(h)).toEqual({ hour: h, slot: 0 });
    expect(hourAndSlot(h + 299_999)).toEqual({ hour: h, slot: 0 });
    expect(hourAndSlot(h + 300_000)).toEqual({ hour: h, slot: 1 });
    expect(hourAndSlot(h + 3599_999)).toEqual({ hour: h, slot: 11 });
  });
});
