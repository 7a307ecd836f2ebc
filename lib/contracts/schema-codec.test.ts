import { describe, expect, it } from "vitest";
import type { SchemaCodec } from "./codec-types";
import type { SchemaSpec } from "./contract-schema";
import { compileSchema, compileSchemaCached, contractProblems, describeSchemaProblem } from "./schema-codec";

function codec(spec: SchemaSpec, references?: Record<string, string>): SchemaCodec {
  const r = compileSchema(spec, { references });
  if (!r.ok) throw new Error(describeSchemaProblem(r.problem));
  return r.codec;
}

function problem(spec: SchemaSpec) {
  const r = compileSchema(spec);
  expect(r.ok).toBe(false);
  return (r as Extract<typeof r, { ok: false }>).problem;
}

function roundTrip(c: SchemaCodec, value: unknown) {
  const encoded = c.encode(value);
  if (!encoded.ok) throw new Error(`${encoded.reason}: ${JSON.stringify(encoded.problems)}`);
  const decoded = c.decode(encoded.bytes);
  if (!decoded.ok) throw new Error(decoded.reason);
  return { bytes: encoded.bytes, value: decoded.value, problems: decoded.problems };
}

const ORDER_JSON_SCHEMA = JSON.stringify(
  {
    type: "object",
    title: "Order",
    required: ["orderId", "total"],
    properties: {
      orderId: { type: "string", pattern: "^o-[0-9]+$" },
      total: { type: "number", minimum: 0 },
      placedAt: { type: "string", format: "date-time" },
      lines: { type: "array", items: { $ref: "#/definitions/Line" } },
      note: { type: ["string", "null"] },
    },
    additionalProperties: false,
    definitions: { Line: { type: "object", required: ["sku"], properties: { sku: { type: "string" }, qty: { type: "integer" } } } },
  },
  null,
  2,
);

const ORDER_AVRO = JSON.stringify(
  {
    type: "record",
    name: "Order",
    namespace: "shop",
    fields: [
      { name: "orderId", type: "string" },
      { name: "total", type: "double" },
      { name: "count", type: "long" },
      { name: "placedAt", type: { type: "long", logicalType: "timestamp-millis" } },
      { name: "status", type: { type: "enum", name: "Status", symbols: ["NEW", "PAID"] } },
      { name: "lines", type: { type: "array", items: { type: "record", name: "Line", fields: [{ name: "sku", type: "string" }, { name: "qty", type: "int" }] } } },
      { name: "tags", type: { type: "map", values: "string" } },
      { name: "note", type: ["null", "string"], default: null },
      { name: "raw", type: "bytes" },
    ],
  },
  null,
  2,
);

const ORDER_PROTO = `syntax = "proto3";
package shop.v1;

import "google/protobuf/timestamp.proto";

// An order as placed.
message Order {
  string order_id = 1;
  double total = 2;
  int64 count = 3;
  google.protobuf.Timestamp placed_at = 4;
  Status status = 5;
  repeated Line lines = 6;
  map<string, string> tags = 7;
  bytes raw = 8;
  message Line {
    string sku = 1;
    int32 qty = 2;
  }
}

enum Status {
  NEW = 0;
  PAID = 1;
}

message Refund {
  string order_id = 1;
}
`;

describe("JSON Schema", () => {
  const c = codec({ format: "json-schema", text: ORDER_JSON_SCHEMA });
  const order = { orderId: "o-1", total: 12.5, placedAt: "2026-01-02T03:04:05Z", lines: [{ sku: "kettle", qty: 1 }], note: null };

  it("lists the top-level fields with their types, required ones not optional", () => {
    expect(c.fields).toEqual({
      root: "object Order",
      fields: [
        { name: "orderId", type: "string", optional: false },
        { name: "total", type: "number", optional: false },
        { name: "placedAt", type: "string<date-time>", optional: true },
        { name: "lines", type: "Line[]", optional: true },
        { name: "note", type: "string | null", optional: true },
      ],
    });
  });

  it("encodes a conforming value as UTF-8 JSON and decodes it back", () => {
    const { bytes, value, problems } = roundTrip(c, order);
    expect(new TextDecoder().decode(bytes)).toBe(JSON.stringify(order));
    expect(value).toEqual(order);
    expect(problems).toEqual([]);
  });

  it("names each place a value breaks the schema, and refuses to encode it", () => {
    const bad = { orderId: "x-1", total: -1, lines: [{ qty: "two" }], extra: true };
    const problems = c.validate(bad);
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: "orderId", message: 'must match pattern "^o-[0-9]+$"' },
        { path: "total", message: "must be >= 0" },
        { path: "lines[0].sku", message: "is required" },
        { path: "lines[0].qty", message: "must be integer" },
        { path: "extra", message: "is not allowed here" },
      ]),
    );
    const encoded = c.encode(bad);
    expect(encoded.ok).toBe(false);
  });

  it("decodes JSON that breaks the schema with its problems, and says why bytes are not JSON", () => {
    const decoded = c.decode(new TextEncoder().encode('{"orderId":"o-2"}'));
    expect(decoded).toEqual({ ok: true, value: { orderId: "o-2" }, problems: [{ path: "total", message: "is required" }] });
    const broken = c.decode(new TextEncoder().encode("{not json"));
    expect(broken.ok).toBe(false);
    expect((broken as { reason: string }).reason).toMatch(/^Not JSON/);
    expect(c.decode(new Uint8Array([0xff, 0xfe, 0x00]))).toEqual({ ok: false, reason: "Not UTF-8 text, so not JSON" });
  });

  it("points at the line and column of a JSON syntax error", () => {
    const p = problem({ format: "json-schema", text: '{\n  "type": "object",\n  "properties": {\n    "a": { "type": "string" },\n  }\n}' });
    expect(p).toMatchObject({ line: 5, column: 3 });
    expect(p.message).toMatch(/trailing comma/);
    expect(problem({ format: "json-schema", text: '{\n  "type": "object"\n  "title": "x"\n}' })).toMatchObject({ line: 3, column: 3 });
    expect(problem({ format: "json-schema", text: '{"a": \'b\'}' }).message).toMatch(/double quotes/);
  });

  it("points at a keyword the meta-schema refuses, and refuses references that lead outside the schema", () => {
    const p = problem({ format: "json-schema", text: '{\n  "type": "object",\n  "properties": {\n    "a": { "type": "strng" }\n  }\n}' });
    expect(p.message).toMatch(/^At \/properties\/a\/type/);
    expect(p.line).toBe(4);
    expect(problem({ format: "json-schema", text: '{"$ref": "https://example.com/order.json"}' }).message).toMatch(/points nowhere in this schema/);
    expect(problem({ format: "json-schema", text: '{"$ref": "#/definitions/Missing"}' }).message).toMatch(/#\/definitions\/Missing/);
  });

  it("runs patterns on RE2: a catastrophic pattern stays fast, and a lookahead is refused", () => {
    const c2 = codec({ format: "json-schema", text: '{"type": "string", "pattern": "^(a+)+$"}' });
    const started = Date.now();
    expect(c2.validate("a".repeat(40) + "!")).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(problem({ format: "json-schema", text: '{"type": "string", "pattern": "^(?=a)a$"}' }).message).toMatch(/\(\?=/);
  });

  it("reads 2020-12 schemas with $defs, and allows AsyncAPI's extra keywords", () => {
    const c3 = codec({
      format: "json-schema",
      text: JSON.stringify({ $schema: "https://json-schema.org/draft/2020-12/schema", type: "object", properties: { a: { $ref: "#/$defs/A" } }, $defs: { A: { type: "integer" } }, "x-owner": "team", discriminator: "a" }),
    });
    expect(c3.validate({ a: 1 })).toEqual([]);
    expect(c3.validate({ a: "1" })).toEqual([{ path: "a", message: "must be integer" }]);
    expect(c3.fields.fields).toEqual([{ name: "a", type: "A", optional: true }]);
  });

  it("lists no fields for a schema that is not an object", () => {
    expect(codec({ format: "json-schema", text: '{"type": "string"}' }).fields).toEqual({ root: "string", fields: [] });
    expect(codec({ format: "json-schema", text: "true" }).fields).toEqual({ root: "any", fields: [] });
  });
});

describe("Avro", () => {
  const c = codec({ format: "avro", text: ORDER_AVRO });
  const order = {
    orderId: "o-1",
    total: 12.5,
    count: "9007199254740993", // above 2^53: kept exactly, as text
    placedAt: 1767323045000,
    status: "PAID",
    lines: [{ sku: "kettle", qty: 2 }],
    tags: { channel: "web" },
    note: "leave at the door",
    raw: "AAEC",
  };

  it("lists record fields with logical types, unions with null as optional", () => {
    expect(c.fields.root).toBe("record shop.Order");
    expect(c.fields.fields).toEqual([
      { name: "orderId", type: "string", optional: false },
      { name: "total", type: "double", optional: false },
      { name: "count", type: "long", optional: false },
      { name: "placedAt", type: "long<timestamp-millis>", optional: false },
      { name: "status", type: "Status", optional: false },
      { name: "lines", type: "Line[]", optional: false },
      { name: "tags", type: "map<string>", optional: false },
      { name: "note", type: "string", optional: true },
      { name: "raw", type: "bytes", optional: false },
    ]);
  });

  it("encodes Avro binary and decodes the same value (64-bit longs and bytes included)", () => {
    const { bytes, value } = roundTrip(c, order);
    expect(bytes[0]).toBe(6); // zig-zag length of "o-1"
    expect(value).toEqual(order);
    expect(roundTrip(c, { ...order, count: 42, note: null }).value).toEqual({ ...order, count: 42, note: null });
  });

  it("names the fields a value gets wrong, and unknown fields", () => {
    const problems = c.validate({ ...order, total: "12", status: "LOST" });
    expect(problems).toEqual([
      { path: "total", message: '"12" is not a double' },
      { path: "status", message: '"LOST" is not an enum shop.Status' },
    ]);
    expect(c.validate({ ...order, extra: 1, lines: [{ sku: "a", qty: 1, colour: "red" }] })).toEqual([
      { path: "extra", message: "is not a field of record shop.Order" },
      { path: "lines[0].colour", message: "is not a field of record shop.Line" },
    ]);
    expect(c.encode({ ...order, total: "12" }).ok).toBe(false);
  });

  it("says why bytes are not a value of the schema", () => {
    const decoded = c.decode(new Uint8Array([0x40, 0x61]));
    expect(decoded.ok).toBe(false);
    const { bytes } = roundTrip(c, order);
    const trailing = c.decode(new Uint8Array([...bytes, 1, 2, 3]));
    expect(trailing).toEqual({ ok: false, reason: "The bytes hold more than one value of this schema (trailing data)" });
  });

  it("refuses a malformed schema, pointing at the place", () => {
    const p = problem({ format: "avro", text: '{\n  "type": "record",\n  "name": "X",\n  "fields": [{ "name": "a", "type": "strng" }]\n}' });
    expect(p.message).toBe("Not a valid Avro schema: undefined type name: strng");
    expect(p.line).toBe(4);
    expect(problem({ format: "avro", text: '{"type": "record", "name": "X", "fields": [' })).toMatchObject({ line: 1 });
    expect(problem({ format: "avro", text: '{"type": "record", "name": "X"}' }).message).toMatch(/fields/);
  });

  it("reads named types given as references, as a Schema Registry gives them", () => {
    const money = JSON.stringify({ type: "record", name: "Money", namespace: "shop", fields: [{ name: "cents", type: "long" }] });
    const c2 = codec({ format: "avro", text: JSON.stringify({ type: "record", name: "Payment", namespace: "shop", fields: [{ name: "amount", type: "shop.Money" }] }) }, { money });
    expect(roundTrip(c2, { amount: { cents: 5 } }).value).toEqual({ amount: { cents: 5 } });
    expect(compileSchema({ format: "avro", text: JSON.stringify({ type: "record", name: "P", fields: [{ name: "amount", type: "shop.Money" }] }) }).ok).toBe(false);
  });

  it("takes primitive and union schemas", () => {
    const s = codec({ format: "avro", text: '"string"' });
    expect(s.fields).toEqual({ root: "string", fields: [] });
    expect(roundTrip(s, "héllo").value).toBe("héllo");
    const u = codec({ format: "avro", text: '["null", "long"]' });
    expect(roundTrip(u, 7).value).toBe(7);
  });
});

describe("Protobuf", () => {
  const c = codec({ format: "protobuf", text: ORDER_PROTO });
  const order = {
    order_id: "o-1",
    total: 12.5,
    count: "9223372036854775807",
    placed_at: { seconds: 1767323045, nanos: 0 },
    status: "PAID",
    lines: [{ sku: "kettle", qty: 2 }],
    tags: { channel: "web" },
    raw: "AAEC",
  };

  it("uses the first top-level message and lists every message type", () => {
    expect(c.messageType).toBe("shop.v1.Order");
    expect(c.messageTypes).toEqual(["shop.v1.Order", "shop.v1.Order.Line", "shop.v1.Refund"]);
    expect(c.fields).toEqual({
      root: "message shop.v1.Order",
      fields: [
        { name: "order_id", type: "string", optional: true },
        { name: "total", type: "double", optional: true },
        { name: "count", type: "int64", optional: true },
        { name: "placed_at", type: "Timestamp", optional: true },
        { name: "status", type: "Status", optional: true },
        { name: "lines", type: "Line[]", optional: true },
        { name: "tags", type: "map<string, string>", optional: true },
        { name: "raw", type: "bytes", optional: true },
      ],
    });
  });

  it("encodes Protobuf binary and decodes the same value, with defaults filled in", () => {
    const { value } = roundTrip(c, order);
    expect(value).toEqual(order);
    expect(roundTrip(c, { order_id: "o-2" }).value).toEqual({ order_id: "o-2", total: 0, count: 0, placed_at: null, status: "NEW", lines: [], tags: {}, raw: "" });
  });

  it("reads the message type it is told, by full or short name", () => {
    const refund = codec({ format: "protobuf", text: ORDER_PROTO, messageType: "Refund" });
    expect(refund.messageType).toBe("shop.v1.Refund");
    expect(roundTrip(refund, { order_id: "o-3" }).value).toEqual({ order_id: "o-3" });
    expect(problem({ format: "protobuf", text: ORDER_PROTO, messageType: "Shipment" }).message).toMatch(/not in the text \(it declares shop\.v1\.Order/);
  });

  it("names unknown fields and wrong types", () => {
    expect(c.validate({ order_id: 5 })).toEqual([{ path: "order_id", message: "a string expected" }]);
    expect(c.validate({ order_number: "o-1" })).toEqual([{ path: "order_number", message: "is not a field of shop.v1.Order" }]);
    // The Protobuf JSON mapping's lowerCamelCase names are the same fields.
    expect(c.validate({ orderId: "o-1" })).toEqual([]);
    expect(c.validate({ status: "LOST" })[0].path).toBe("status");
    expect(c.validate({ lines: [{ qty: "x" }] })[0].path).toMatch(/^lines/);
    expect(c.encode({ order_id: 5 }).ok).toBe(false);
  });

  it("says why bytes are not a message", () => {
    const decoded = c.decode(new Uint8Array([0xff, 0xff]));
    expect(decoded.ok).toBe(false);
    expect((decoded as { reason: string }).reason).toMatch(/^Not a shop\.v1\.Order message/);
  });

  it("refuses malformed text with its line, unknown types and imports it does not have", () => {
    expect(problem({ format: "protobuf", text: 'syntax = "proto3";\nmessage X {\n  strin id = 1\n}' })).toMatchObject({ line: 4 });
    expect(problem({ format: "protobuf", text: 'syntax = "proto3";\nmessage X {\n  Money amount = 1;\n}' })).toMatchObject({ message: expect.stringMatching(/Money/), line: 3 });
    expect(problem({ format: "protobuf", text: 'syntax = "proto3";\nimport "common/money.proto";\nmessage X { string a = 1; }' })).toMatchObject({ message: expect.stringMatching(/common\/money\.proto/), line: 2 });
    expect(problem({ format: "protobuf", text: 'syntax = "proto3";\nenum E { A = 0; }' }).message).toBe("The text declares no message");
  });

  it("reads imports given as references", () => {
    const money = 'syntax = "proto3";\npackage common;\nmessage Money { int64 cents = 1; string currency = 2; }';
    const c2 = codec({ format: "protobuf", text: 'syntax = "proto3";\nimport "common/money.proto";\nmessage Payment { common.Money amount = 1; }' }, { "common/money.proto": money });
    expect(c2.messageTypes).toEqual(["Payment"]);
    expect(roundTrip(c2, { amount: { cents: 5, currency: "EUR" } }).value).toEqual({ amount: { cents: 5, currency: "EUR" } });
  });
});

describe("compileSchemaCached and contractProblems", () => {
  it("gives the same result for the same schema without compiling again", () => {
    const spec = { format: "avro" as const, text: '"long"' };
    expect(compileSchemaCached(spec)).toBe(compileSchemaCached({ ...spec }));
  });

  it("reports a broken value or key schema with its place", () => {
    expect(contractProblems(undefined)).toEqual([]);
    expect(contractProblems({ value: { format: "avro", text: ORDER_AVRO } })).toEqual([]);
    expect(contractProblems({ value: { format: "json-schema", text: "{\n  \"type\": \n}" }, key: { format: "protobuf", text: "" } })).toEqual([
      { part: "value", message: expect.stringMatching(/^value schema \(JSON Schema\): line 3, column 1: Not valid JSON/) },
      { part: "key", message: "key schema (Protobuf): The schema is empty" },
    ]);
  });
});
