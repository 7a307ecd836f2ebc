import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { decodePart, type DecodeSpec } from "./payload-decoder.mjs";
import { frame } from "./wire-format.mjs";

// The decoder's per-message path: 64-bit integers in nested, repeated, map and recursive fields come out as
// numbers when exact and decimal strings when not, whatever depth (the per-type plan), and what a spec resolves
// to is kept with it without going stale when the spec learns a schema id later. Bytes are encoded by protobufjs.

const PROTO = `syntax = "proto3";
package t;
message Order {
  message Line { string sku = 1; int64 cents = 2; }
  string id = 1;
  int64 total = 2;
  repeated Line lines = 3;
  map<string, int64> counters = 4;
  Node tree = 5;
  uint64 big = 6;
}
message Node { int64 weight = 1; repeated Node children = 2; }`;

const Order = protobuf.parse(PROTO, { keepCase: true }).root.lookupType("t.Order");
const encode = (v: Record<string, unknown>) => Order.encode(Order.fromObject(v)).finish();
const value = {
  id: "o-1",
  total: "9007199254740993", // 2^53 + 1: no double holds it
  lines: [{ sku: "a", cents: 250 }, { sku: "b", cents: "-9007199254740993" }],
  counters: { seen: 7, huge: "18014398509481984" },
  tree: { weight: 1, children: [{ weight: 2, children: [{ weight: "9007199254740995", children: [] }] }] },
  big: "18446744073709551615",
};
const expected = {
  id: "o-1",
  total: "9007199254740993",
  lines: [
    { sku: "a", cents: 250 },
    { sku: "b", cents: "-9007199254740993" },
  ],
  counters: { seen: 7, huge: "18014398509481984" },
  tree: { weight: 1, children: [{ weight: 2, children: [{ weight: "9007199254740995", children: [] }] }] },
  big: "18446744073709551615",
};

const schemaless = (): DecodeSpec => ({ registryKey: null, schemas: {}, value: { source: "contract", format: "protobuf", text: PROTO, messageType: "t.Order" }, key: null });

describe("decodePart, Protobuf", () => {
  it("gives 64-bit integers at every depth as numbers when exact, as decimal strings when not", () => {
    const r = decodePart(schemaless(), "value", encode(value));
    expect(r).toEqual({ ok: true, value: expected, with: { format: "protobuf", source: "contract", messageType: "t.Order" } });
  });

  it("decodes many messages with one spec alike, and says why bytes do not decode", () => {
    const spec = schemaless();
    const bytes = encode(value);
    for (let i = 0; i < 3; i++) expect(decodePart(spec, "value", bytes)).toMatchObject({ ok: true, value: expected });
    const bad = decodePart(spec, "value", new Uint8Array([0x0a, 0xff]));
    expect(bad).toMatchObject({ ok: false, with: { format: "protobuf", source: "contract" } });
    expect(bad && !bad.ok && bad.reason).toMatch(/^Does not decode with the topic's contract: /);
    expect(decodePart(spec, "key", bytes)).toBeNull(); // no key schema: shown as before
  });

  it("decodes a registry id the spec learns after a message with it was met (the main thread's spec grows)", () => {
    const spec: DecodeSpec = { registryKey: "reg-1", schemas: {}, value: null, key: null };
    const framed = frame(41, encode(value), [0]);
    expect(decodePart(spec, "value", framed)).toBeNull(); // id 41 not fetched yet: nothing applies
    spec.schemas[41] = { schemaType: "PROTOBUF", schema: PROTO, references: {}, subject: "orders-value", version: 3 };
    expect(decodePart(spec, "value", framed)).toEqual({
      ok: true,
      value: expected,
      with: { format: "protobuf", source: "registry", schemaId: 41, subject: "orders-value", version: 3, messageType: "t.Order" },
    });
    spec.schemas[42] = { error: "Subject not found" };
    expect(decodePart(spec, "value", frame(42, encode(value), [0]))).toEqual({
      ok: false,
      reason: "Schema id 42: Subject not found",
      with: { format: "avro", source: "registry", schemaId: 42, error: "Subject not found" },
    });
  });
});
