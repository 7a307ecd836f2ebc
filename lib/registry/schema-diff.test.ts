import { describe, expect, it } from "vitest";
import { prettySchema, schemaDiff } from "./schema-diff";

describe("schema diff", () => {
  it("pretty-prints compact Avro before comparing, so one added field is one added line", () => {
    const v1 = JSON.stringify({ type: "record", name: "O", fields: [{ name: "id", type: "string" }] });
    const v2 = JSON.stringify({ type: "record", name: "O", fields: [{ name: "id", type: "string" }, { name: "qty", type: "int" }] });
    const d = schemaDiff("AVRO", v1, v2);
    expect(d.filter((l) => l.kind === "removed").map((l) => l.text.trim())).toEqual([]);
    expect(d.filter((l) => l.kind === "added").map((l) => l.text.trim())).toEqual(["},", "{", '"name": "qty",', '"type": "int"']);
    expect(d.find((l) => l.text.includes('"qty"'))).toMatchObject({ kind: "added", newLine: 10 });
  });

  it("compares Protobuf as written, with line numbers on both sides", () => {
    const d = schemaDiff("PROTOBUF", "message A {\n  string id = 1;\n}", "message A {\n  string id = 1;\n  int32 n = 2;\n}");
    expect(d).toEqual([
      { kind: "same", text: "message A {", oldLine: 1, newLine: 1 },
      { kind: "same", text: "  string id = 1;", oldLine: 2, newLine: 2 },
      { kind: "added", text: "  int32 n = 2;", newLine: 3 },
      { kind: "same", text: "}", oldLine: 3, newLine: 4 },
    ]);
  });

  it("leaves text that is not JSON as it is", () => {
    expect(prettySchema("JSON", "{ not json")).toBe("{ not json");
  });
});
