import { describe, expect, it } from "vitest";
import { breakingChanges, describeBreakingChange } from "./contract-compatibility";

const avroNew = JSON.stringify({
  type: "record",
  name: "Order",
  fields: [
    { name: "id", type: "string" },
    { name: "customer", type: { type: "record", name: "Customer", fields: [{ name: "tier", type: "int" }] } },
    { name: "email", type: "string" },
  ],
});

describe("breakingChanges: a registry's verbose compatibility messages, each placed on its field", () => {
  it("reads Confluent's Avro messages (single quotes inside single quotes), skipping the version, schema and level lines", () => {
    const messages = [
      "{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field 'email' at path '/fields/2' in the new schema has no default value and is missing in the old schema', additionalInfo:'email'}",
      "{oldSchemaVersion: 1}",
      "{oldSchema: '{\"type\":\"record\",\"name\":\"Order\",\"fields\":[]}'}",
      "{compatibility: 'BACKWARD'}",
    ];
    const out = breakingChanges(messages, { format: "avro", newText: avroNew });
    expect(out).toEqual([
      {
        errorType: "READER_FIELD_MISSING_DEFAULT_VALUE",
        field: "email",
        reason: "The field 'email' at path '/fields/2' in the new schema has no default value and is missing in the old schema",
      },
    ]);
    expect(describeBreakingChange(out[0])).toBe(`field "email": ${out[0].reason} (READER_FIELD_MISSING_DEFAULT_VALUE)`);
  });

  it("resolves an Avro path against the new schema when the message names no field", () => {
    const [b] = breakingChanges(
      ["{errorType:'TYPE_MISMATCH', description:'The type (path '/fields/1/type/fields/0/type') of a field in the new schema does not match with the old schema', additionalInfo:'reader type: INT not compatible with writer type: STRING'}"],
      { format: "avro", newText: avroNew },
    );
    expect(b.field).toBe("customer.tier");
  });

  it("reads the test registry's double-quoted messages", () => {
    const [b] = breakingChanges(
      ['{errorType:"READER_FIELD_MISSING_DEFAULT_VALUE", description:"The field \'email\' in the new schema has no default value and is missing in the old schema", additionalInfo:"shop.Order.email"}', "{oldSchemaVersion: 2}"],
      { format: "avro", newText: avroNew },
    );
    expect(b).toMatchObject({ errorType: "READER_FIELD_MISSING_DEFAULT_VALUE", field: "email" });
  });

  it("turns JSON Schema pointers into field paths", () => {
    const out = breakingChanges(
      [
        "{errorType:'REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL', description:'A required property at path '#/properties/customer/properties/email' was added'}",
        "{errorType:'TYPE_CHANGED', description:'The type at #/properties/lines/items/properties/qty changed from integer to string'}",
      ],
      { format: "json-schema", newText: "{}" },
    );
    expect(out.map((b) => b.field)).toEqual(["customer.email", "lines[].qty"]);
  });

  it("names a Protobuf field by its number from the .proto text", () => {
    const proto = 'syntax = "proto3";\npackage shop;\nmessage Order {\n  string id = 1;\n  int64 total_cents = 2;\n}\n';
    const out = breakingChanges(
      [
        "{errorType:'FIELD_KIND_CHANGED', description:'The kind of a FIELD at path '#/Order/2' in the new schema does not match its kind in the old schema'}",
        '{errorType:"FIELD_SCALAR_KIND_CHANGED", description:"The type of field 2 of shop.Order changed from string to int64"}',
      ],
      { format: "protobuf", newText: proto },
    );
    expect(out.map((b) => b.field)).toEqual(["total_cents", "total_cents"]);
  });

  it("keeps a message it cannot place, whole, without a field", () => {
    expect(breakingChanges(["Schema being registered is incompatible with an earlier schema"], { format: "avro", newText: avroNew })).toEqual([
      { errorType: null, field: null, reason: "Schema being registered is incompatible with an earlier schema" },
    ]);
  });
});
