import { describe, expect, it } from "vitest";
import { decodedLabel } from "./decoded-with";

describe("what decoded a message, in words", () => {
  it("names the format, subject and version, and schema id of a registry schema", () => {
    expect(decodedLabel({ format: "avro", source: "registry", schemaId: 7, subject: "orders-value", version: 3 })).toBe("Avro · orders-value v3 · id 7");
    expect(decodedLabel({ format: "protobuf", source: "registry", schemaId: 2 })).toBe("Protobuf · id 2");
  });
  it("says when a contract or a pasted schema decoded it", () => {
    expect(decodedLabel({ format: "json-schema", source: "contract" })).toBe("JSON Schema · contract");
    expect(decodedLabel({ format: "protobuf", source: "pasted" })).toBe("Protobuf · pasted schema");
  });
});
