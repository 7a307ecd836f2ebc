import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Contract } from "@/lib/contracts/contract-schema";
import { contractSummary, offsetOf, schemaStatus, starterSchema, switchFormat } from "./contract-summary";
import { shopDesign } from "./design-fixture";
import { toTopology } from "./design-flow";
import { createDesignerStore } from "./designer-store";

const avro = (fields: number): Contract => ({
  value: {
    format: "avro",
    text: JSON.stringify({ type: "record", name: "Order", namespace: "shop", fields: Array.from({ length: fields }, (_, i) => ({ name: `f${i}`, type: i % 2 ? ["null", "long"] : "string" })) }),
  },
});

describe("contractSummary (the field list on a topic node)", () => {
  it("lists the first top-level fields with their types, optional ones marked, and how many more", () => {
    expect(contractSummary(avro(7))).toEqual({ format: "Avro", root: "shop.Order", lines: ["f0: string", "f1?: long", "f2: string", "f3?: long"], more: 3 });
    expect(contractSummary(avro(2), 4).more).toBe(0);
  });

  it("names the value when it has no fields, and says why a broken schema is broken", () => {
    expect(contractSummary({ value: { format: "json-schema", text: '{"type": "string"}' } })).toEqual({ format: "JSON Schema", root: "string", lines: [], more: 0 });
    expect(contractSummary({ value: { format: "protobuf", text: "message A {" } }).error).toMatch(/^line 1/);
  });

  it("reads a Protobuf message's fields", () => {
    const s = contractSummary({ value: { format: "protobuf", text: 'syntax = "proto3";\nmessage A { string id = 1; repeated int32 n = 2; }' } });
    expect(s).toEqual({ format: "Protobuf", root: "A", lines: ["id?: string", "n?: int32[]"], more: 0 });
  });
});

describe("schemaStatus (under the schema editor)", () => {
  it("says what a valid schema describes, with a Protobuf file's message types", () => {
    expect(schemaStatus(starterSchema("value", "avro"))).toEqual({ ok: true, text: "Valid Avro: record Event · 1 field", messageTypes: [], messageType: undefined });
    const proto = schemaStatus({ format: "protobuf", text: 'syntax = "proto3";\nmessage A { string id = 1; }\nmessage B { string id = 1; }' });
    expect(proto).toMatchObject({ ok: true, messageTypes: ["A", "B"], messageType: "A" });
  });

  it("points at the line and column of a problem", () => {
    expect(schemaStatus({ format: "json-schema", text: '{\n  "type": "object",\n}' })).toEqual({ ok: false, text: "Line 3, column 1: Not valid JSON: A trailing comma is not allowed in JSON", line: 3, column: 1 });
  });
});

describe("offsetOf", () => {
  it("turns a line and column into a caret position, clamped to the line", () => {
    const text = "ab\ncde\nf";
    expect(offsetOf(text, 1, 1)).toBe(0);
    expect(offsetOf(text, 2, 2)).toBe(4);
    expect(offsetOf(text, 2, 99)).toBe(6);
    expect(offsetOf(text, 9, 1)).toBe(text.length);
  });
});

describe("switchFormat", () => {
  it("replaces a starter with the new format's starter, and keeps what the user wrote", () => {
    expect(switchFormat("value", starterSchema("value", "json-schema"), "protobuf")).toEqual(starterSchema("value", "protobuf"));
    expect(switchFormat("key", { format: "avro", text: "" }, "json-schema")).toEqual(starterSchema("key", "json-schema"));
    expect(switchFormat("value", { format: "avro", text: '"long"' }, "json-schema")).toEqual({ format: "json-schema", text: '"long"' });
  });
});

describe("editing a contract in the designer store", () => {
  beforeEach(() => vi.useFakeTimers({ now: new Date("2025-01-01T12:00:00Z") }));
  afterEach(() => vi.useRealTimers());

  it("typing into a schema is one undo step, and the contract reaches the topology", () => {
    const store = createDesignerStore(shopDesign());
    const s = () => store.getState();
    let text = "";
    for (const ch of '"string"') {
      text += ch;
      s().updateNodeData("t1", { contract: { value: { format: "avro", text } } });
      vi.advanceTimersByTime(100);
    }
    const topic = toTopology(s().nodes, s().edges).nodes.find((n) => n.id === "t1");
    expect(topic?.kind === "topic" && topic.data.contract).toEqual({ value: { format: "avro", text: '"string"' } });
    s().undo();
    const before = toTopology(s().nodes, s().edges).nodes.find((n) => n.id === "t1");
    expect(before?.kind === "topic" && before.data.contract).toBeUndefined();
  });
});
