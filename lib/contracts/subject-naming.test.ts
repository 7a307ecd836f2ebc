import { describe, expect, it } from "vitest";
import type { Contract } from "./contract-schema";
import { contractSubjects, recordNameOf, subjectNamingOf } from "./subject-naming";

const avro: Contract = {
  value: { format: "avro", text: JSON.stringify({ type: "record", name: "Order", namespace: "shop.v1", fields: [] }) },
  key: { format: "avro", text: '"string"' },
};

describe("subject names of a topic's contract", () => {
  it("TopicNameStrategy (the default): <topic>-value and <topic>-key", () => {
    expect(subjectNamingOf({})).toBe("TopicNameStrategy");
    expect(contractSubjects("orders", avro, "TopicNameStrategy")).toEqual([
      { part: "value", subject: "orders-value" },
      { part: "key", subject: "orders-key" },
    ]);
  });

  it("RecordNameStrategy and TopicRecordNameStrategy use the record's full name, and say when there is none", () => {
    expect(contractSubjects("orders", avro, "RecordNameStrategy")).toEqual([
      { part: "value", subject: "shop.v1.Order" },
      { part: "key", subject: null, problem: expect.stringContaining("not a named type") },
    ]);
    expect(contractSubjects("orders", { value: avro.value }, "TopicRecordNameStrategy")).toEqual([{ part: "value", subject: "orders-shop.v1.Order" }]);
  });

  it("reads the record name of each format", () => {
    expect(recordNameOf({ format: "avro", text: JSON.stringify({ type: "record", name: "a.b.C", namespace: "ignored", fields: [] }) })).toEqual({ name: "a.b.C" });
    expect(recordNameOf({ format: "protobuf", text: 'syntax = "proto3";\npackage shop;\nmessage Order { string id = 1; }\nmessage Line { int32 qty = 1; }\n', messageType: "shop.Line" })).toEqual({ name: "shop.Line" });
    expect(recordNameOf({ format: "protobuf", text: 'syntax = "proto3";\nmessage Order { string id = 1; }\n' })).toEqual({ name: "Order" });
    expect(recordNameOf({ format: "json-schema", text: JSON.stringify({ title: "shop.Order", type: "object" }) })).toEqual({ name: "shop.Order" });
    expect(recordNameOf({ format: "json-schema", text: JSON.stringify({ type: "object" }) })).toEqual({ problem: expect.stringContaining('"title"') });
  });
});

describe("the design's strategy is part of its topology", () => {
  it("a change of strategy is a change of the design (a revision says so)", async () => {
    const { diffTopologies, isEmptyDiff, summarizeDiff } = await import("../designs/diff-topologies");
    const d = diffTopologies({ nodes: [], edges: [] }, { nodes: [], edges: [], subjectNaming: "RecordNameStrategy" });
    expect(isEmptyDiff(d)).toBe(false);
    expect(summarizeDiff(d)).toBe("subject naming TopicNameStrategy → RecordNameStrategy");
    expect(isEmptyDiff(diffTopologies({ nodes: [], edges: [] }, { nodes: [], edges: [], subjectNaming: "TopicNameStrategy" }))).toBe(true);
  });
});

describe("AsyncAPI carries the strategy in x-topiary-subject-naming", () => {
  it("exports it when the design sets one, and imports it back (3.0 and 3.1)", async () => {
    const { topologyToAsyncApi } = await import("../designs/asyncapi-export");
    const { asyncApiToTopology } = await import("../designs/asyncapi-import");
    const design = { nodes: [], edges: [], subjectNaming: "TopicRecordNameStrategy" as const };
    for (const version of ["3.0.0", "3.1.0"] as const) {
      const doc = topologyToAsyncApi("d", design, { version });
      expect(doc["x-topiary-subject-naming"]).toBe("TopicRecordNameStrategy");
      expect(asyncApiToTopology(doc).topology.subjectNaming).toBe("TopicRecordNameStrategy");
    }
    expect(topologyToAsyncApi("d", { nodes: [], edges: [] })).not.toHaveProperty("x-topiary-subject-naming");
    const warnings: string[] = [];
    const doc = { ...topologyToAsyncApi("d", { nodes: [], edges: [] }), "x-topiary-subject-naming": "Whatever" };
    const imported = asyncApiToTopology(doc);
    warnings.push(...imported.warnings);
    expect(imported.topology.subjectNaming).toBeUndefined();
    expect(warnings.join()).toMatch(/x-topiary-subject-naming is not one of/);
  });
});
