import { describe, expect, it } from "vitest";
import { compactSchemaDiff } from "./contract-diff";

describe("compactSchemaDiff", () => {
  it("keeps changed lines with two lines of context and folds the rest", () => {
    const fields = Array.from({ length: 12 }, (_, i) => ({ name: `f${i}`, type: "string" }));
    const before = JSON.stringify({ type: "record", name: "R", fields });
    const after = JSON.stringify({ type: "record", name: "R", fields: [...fields, { name: "email", type: ["null", "string"], default: null }] });
    const lines = compactSchemaDiff("AVRO", before, after);
    expect(lines[0]).toEqual({ kind: "gap", count: expect.any(Number) });
    expect(lines.filter((l) => l.kind === "added").map((l) => ("text" in l ? l.text.trim() : ""))).toContain('"name": "email",');
    expect(lines.filter((l) => l.kind === "same")).toHaveLength(4);
  });
});
