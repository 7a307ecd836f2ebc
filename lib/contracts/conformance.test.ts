import { describe, expect, it } from "vitest";
import { frame } from "../registry/wire-format.mjs";
import { checkConformance, conformancePercent, describeConformance, violationPath, type SampledMessage } from "./conformance";
import { compileSchema, type SchemaCodec } from "./schema-codec";

const codec = (format: "avro" | "json-schema", schema: object): SchemaCodec => {
  const r = compileSchema({ format, text: JSON.stringify(schema) });
  if (!r.ok) throw new Error(r.problem.message);
  return r.codec;
};
const order = { type: "record", name: "Order", fields: [{ name: "id", type: "string" }, { name: "total", type: "double" }] };
const avro = codec("avro", order);
const json = codec("json-schema", { type: "object", required: ["id"], properties: { id: { type: "string" }, customer: { type: "object", properties: { tier: { enum: ["gold", "silver"] } } } } });
const text = (s: string) => new TextEncoder().encode(s);
let offset = 0;
const msg = (value: Uint8Array | null, key: Uint8Array | null = null): SampledMessage => ({ partition: 0, offset: String(offset++), timestamp: offset, key, value });
const bytes = (r: ReturnType<SchemaCodec["encode"]>) => {
  if (!r.ok) throw new Error(r.reason);
  return r.bytes;
};

describe("checkConformance", () => {
  it("counts JSON values against every keyword, with the first violations' paths and reasons", () => {
    const messages = [
      msg(text('{"id":"a"}')),
      msg(text('{"id":"b","customer":{"tier":"platinum"}}')),
      msg(text('{"total":3}')),
      msg(null),
      msg(text("not json")),
      msg(text('{"id":"c","customer":{"tier":"gold"}}')),
    ];
    const c = checkConformance(messages, { value: json }, null);
    expect(c).toMatchObject({ sampled: 5, conforming: 2, tombstones: 1 });
    expect(c.violations.map((v) => [v.offset, v.problems[0].path])).toEqual([
      [messages[1].offset, "customer.tier"],
      [messages[2].offset, "id"],
      [messages[4].offset, ""],
    ]);
    expect(c.violations[1].problems[0].message).toBe("is required");
    expect(c.violations[2].problems[0].message).toMatch(/^Does not decode with the contract/);
    expect(violationPath(c.violations[0], c.violations[0].problems[0])).toBe("value.customer.tier");
    expect(conformancePercent(c)).toBe(40);
  });

  it("decodes unframed Avro with the contract, and framed values with the registry's schema of their id", () => {
    const good = bytes(avro.encode({ id: "a", total: 1.5 }));
    const other = codec("avro", { type: "record", name: "Order", fields: [{ name: "id", type: "string" }] });
    const spec = { registryKey: "r1", schemas: { 7: { schemaType: "AVRO" as const, schema: JSON.stringify(order), references: {} }, 8: { schemaType: "AVRO" as const, schema: JSON.stringify({ type: "record", name: "Order", fields: [{ name: "id", type: "string" }] }), references: {} } }, value: null, key: null };
    const messages = [msg(good), msg(frame(7, good)), msg(frame(8, bytes(other.encode({ id: "x" })))), msg(text("{}"))];
    const c = checkConformance(messages, { value: avro }, spec);
    expect(c).toMatchObject({ sampled: 4, conforming: 2 });
    expect(c.violations[0].problems[0]).toMatchObject({ path: "total" });
    expect(c.violations[1].problems[0].message).toMatch(/Does not decode with the contract/);
  });

  it("checks keys when the contract has a key schema", () => {
    const key = codec("json-schema", { type: "string", pattern: "^o-" });
    const c = checkConformance([msg(text('{"id":"a"}'), text('"o-1"')), msg(text('{"id":"b"}'), text('"x"')), msg(text('{"id":"c"}'))], { value: json, key }, null);
    expect(c.conforming).toBe(1);
    expect(c.violations.map((v) => v.part)).toEqual(["key", "key"]);
    expect(c.violations[1].problems[0].message).toMatch(/no key/);
  });

  it("says it in words", () => {
    const base = { topic: "t", sampledAt: "", complete: true, violations: [], tombstones: 0 };
    expect(describeConformance({ ...base, sampled: 200, conforming: 163 })).toBe("81.5 % of 200 conform");
    expect(describeConformance({ ...base, sampled: 10000, conforming: 9999 })).toBe("99.9 % of 10,000 conform");
    expect(describeConformance({ ...base, sampled: 0, conforming: 0 })).toBe("no messages yet");
    expect(describeConformance({ ...base, sampled: 0, conforming: 0, error: "no such topic" })).toBe("not sampled: no such topic");
  });
});
