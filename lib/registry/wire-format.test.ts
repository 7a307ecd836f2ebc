import { describe, expect, it } from "vitest";
import { decodeMessageIndexes, encodeMessageIndexes, frame, unframe } from "./wire-format.mjs";

describe("Confluent wire format", () => {
  it("frames and unframes: magic byte 0, 4-byte big-endian id, payload", () => {
    const framed = frame(258, new Uint8Array([7, 8]));
    expect([...framed]).toEqual([0, 0, 0, 1, 2, 7, 8]);
    expect(unframe(framed)).toEqual({ schemaId: 258, payload: new Uint8Array([7, 8]) });
  });

  it("is not a frame without the magic byte, when too short, or with id 0", () => {
    expect(unframe(new TextEncoder().encode('{"a":1}'))).toBeNull();
    expect(unframe(new Uint8Array([0, 0, 0]))).toBeNull();
    expect(unframe(new Uint8Array([0, 0, 0, 0, 0, 1]))).toBeNull();
  });

  it("writes Protobuf message indexes as Confluent does: [0] as one 0 byte, else zigzag count and indexes", () => {
    expect([...encodeMessageIndexes([0])]).toEqual([0]);
    expect([...encodeMessageIndexes([1])]).toEqual([2, 2]);
    expect([...encodeMessageIndexes([2, 0, 70])]).toEqual([6, 4, 0, 140, 1]);
    expect(decodeMessageIndexes(new Uint8Array([0, 10, 3]))).toEqual({ indexes: [0], offset: 1 });
    expect(decodeMessageIndexes(new Uint8Array([6, 4, 0, 140, 1, 10]))).toEqual({ indexes: [2, 0, 70], offset: 5 });
    expect([...frame(5, new Uint8Array([10]), [1])]).toEqual([0, 0, 0, 0, 5, 2, 2, 10]);
  });

  it("refuses index arrays that cannot be (negative, too deep, cut short)", () => {
    expect(decodeMessageIndexes(new Uint8Array([1]))).toBeNull();
    expect(decodeMessageIndexes(new Uint8Array([200, 1]))).toBeNull();
    expect(decodeMessageIndexes(new Uint8Array([4, 2]))).toBeNull();
  });
});
